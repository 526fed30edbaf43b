"""Hand-written texts for the web sample (see make_web_sample.py, which composes them into pages).

Everything in this module was written for this project; none of it is copied from a web page.
Places, people, clubs and events are invented (a real town name only fills the `{plaats}` slot).

Contents:
* TOPICS: Dutch topics, each with sites, a URL section, page titles, hand-written paragraphs and
  short "extra" lines that such a page has (ingredients, product specifications, ...).
  A paragraph may contain the slot `{plaats}` (a town), filled in per page.
* HOMOGRAPH_PARAGRAPHS: Dutch paragraphs with innocent words that a naive bad-word filter hits.
* WIKI_ARTICLES: Wikipedia-like articles with citation marks and `[bewerken]` headings.
* ENGLISH_PAGES, GERMAN_PAGES, AFRIKAANS_PAGES: whole pages in other languages.
* SHORT_PAGES: pages of one to three sentences.
* LOREM_PAGES: placeholder pages.
* Noise pools: menus, breadcrumbs, cookie and privacy banners, javascript notices, code
  fragments, print-version notices, comments (clean and profane).
"""

from __future__ import annotations

# --------------------------------------------------------------------------------------------
# Dutch topics
# --------------------------------------------------------------------------------------------

TOPICS: dict[str, dict] = {
    "nieuws": {
        "sites": ["www.destadsbode.nl", "www.regionieuws-oost.nl", "www.hetweekblad-online.nl"],
        "section": "nieuws",
        "titles": [
            "Nieuws uit {plaats} en omgeving",
            "Kort nieuws uit de regio",
            "Dit gebeurde er deze week in {plaats}",
            "Het weekoverzicht",
        ],
        "paragraphs": [
            (
                "De gemeente {plaats} begint maandag met groot onderhoud aan de Stationsweg. T/m "
                "eind juni is de weg afgesloten voor doorgaand verkeer tussen de rotonde en het "
                "spoorviaduct. Fietsers en voetgangers kunnen wel langs de werkzaamheden, maar "
                "moeten rekening houden met korte omleidingen. De bussen van lijn 4 en 7 rijden "
                "tijdelijk via de Industrieweg. Op de website van de gemeente staat een kaart met "
                "alle omleidingsroutes."
            ),
            (
                "Aan de Kerkstraat in {plaats} opent zaterdag een nieuwe bakkerij. Eigenaar "
                "Marloes Timmer werkte ruim vijftien jaar bij een grote broodfabriek voordat ze "
                "besloot voor zichzelf te beginnen. 'Ik wilde weer met mijn handen werken en echt "
                "contact hebben met de mensen uit de buurt', vertelt ze. De eerste vijftig klanten "
                "krijgen een gratis krentenbol. De winkel is geopend van dinsdag t/m zaterdag, "
                "steeds vanaf half acht 's ochtends."
            ),
            (
                "De bibliotheek in {plaats} gaat vanaf 1 september ook op zondagmiddag open. Uit "
                "een enquête onder ca. 800 leden bleek dat veel mensen doordeweeks geen tijd "
                "hebben om langs te komen. De extra openingsuren worden voorlopig voor een jaar "
                "ingevoerd. Op zondag zijn er o.a. voorleesmiddagen voor kinderen en een spreekuur "
                "voor vragen over de computer. Daarna bekijkt het bestuur of de proef wordt "
                "voortgezet."
            ),
            (
                "In de nacht van vrijdag op zaterdag heeft een schuur aan de Molenweg in {plaats} "
                "volledig in brand gestaan. De brandweer was met ca. twintig man ter plaatse en "
                "had het vuur na twee uur onder controle. Er raakte niemand gewond, maar een "
                "aanhangwagen en een aantal fietsen gingen verloren. Omwonenden werd gevraagd "
                "ramen en deuren gesloten te houden vanwege de rook. De oorzaak van de brand wordt "
                "nog onderzocht."
            ),
            (
                "Leerlingen van basisschool De Regenboog hebben ruim 1.200 euro opgehaald voor de "
                "voedselbank in {plaats}. Ze verkochten zelfgebakken koekjes, wasten auto's en "
                "organiseerden een sponsorloop rond het schoolplein. Groep 8 overhandigde de "
                "cheque woensdag aan de vrijwilligers van de voedselbank. 'Het is mooi om te zien "
                "hoe betrokken deze kinderen zijn', zei een van de coördinatoren. Van het geld "
                "worden o.a. verse groenten en zuivel gekocht."
            ),
        ],
        "extras": ["Foto: Redactie", "Regio", "Meest gelezen", "Ingezonden", "Lees ook"],
    },
    "recepten": {
        "sites": ["www.lekkerthuiskoken.nl", "www.hetkookschriftje.nl", "www.smulhoekje.nl"],
        "section": "recepten",
        "titles": [
            "Recepten voor koude dagen",
            "Wat eten we vandaag",
            "Koken met seizoensgroenten",
            "Onze favoriete recepten van deze maand",
        ],
        "paragraphs": [
            (
                "Echte erwtensoep moet zo dik zijn dat de lepel erin blijft staan. Week de "
                "spliterwten niet te lang, want dan worden ze snel melig. Laat de soep na het "
                "koken minstens een nacht afkoelen, zodat de smaken goed kunnen intrekken. Verwarm "
                "hem de volgende dag langzaam op en roer regelmatig, anders brandt hij aan. "
                "Serveer de soep met roggebrood en een plakje katenspek."
            ),
            (
                "Voor een goede appeltaart gebruik je bij voorkeur een mix van zoete en zure "
                "appels, bijv. Elstar en Goudreinet. Snijd de appels in dunne partjes en meng ze "
                "met kaneel, suiker en een handje rozijnen. Bekleed een ingevette springvorm met "
                "tweederde van het deeg en schep de vulling erin. Maak van de rest van het deeg "
                "een rooster over de taart en bestrijk het met losgeklopt ei. Bak de taart ca. een "
                "uur in een voorverwarmde oven op 175 graden."
            ),
            (
                "Hutspot is misschien wel het bekendste Hollandse wintergerecht. Kook de "
                "aardappelen, wortelen en uien samen in een grote pan met een bodempje water en "
                "een snuf zout. Giet ze af zodra alles gaar is en stamp het geheel grof met een "
                "flinke klont boter. Wie wil, kan er een scheut warme melk door roeren voor een "
                "smeuïger resultaat. Traditioneel eet je er klapstuk of een gehaktbal bij."
            ),
            (
                "Pannenkoeken bakken lijkt eenvoudig, maar het beslag maakt het verschil. Klop "
                "eerst de eieren met een deel van de melk door de bloem tot er een glad papje "
                "ontstaat. Voeg daarna pas de rest van de melk toe, dan voorkom je klontjes. Laat "
                "het beslag een half uur rusten voordat je begint met bakken. Gebruik een goed "
                "hete koekenpan en niet te veel boter, anders worden de randen vettig."
            ),
            (
                "Een zelfgetrokken bouillon is de basis van veel soepen en sauzen. Zet een soepkip "
                "op met koud water, een ui, twee wortels, een stengel bleekselderij en wat "
                "peperkorrels. Laat alles minstens drie uur heel zachtjes trekken en schep af en "
                "toe het schuim eraf. Zeef de bouillon en laat hem afkoelen, zodat je het vet er "
                "gemakkelijk af kunt halen. In de vriezer blijft bouillon ca. drie maanden goed."
            ),
        ],
        "extras": [
            "Ingrediënten",
            "500 gram spliterwten",
            "1 prei",
            "2 wortels",
            "1 rookworst",
            "Bereidingstijd: 45 minuten",
            "4 personen",
            "Bereiding",
            "Print recept",
        ],
    },
    "voetbalclub": {
        "sites": ["www.sv-debosrand.nl", "www.vvrietveen.nl", "www.svoranjeblauw.nl"],
        "section": "vereniging",
        "titles": [
            "Welkom bij onze club",
            "Clubnieuws",
            "Van het bestuur",
            "Nieuws van de jeugdcommissie",
        ],
        "paragraphs": [
            (
                "Voetbalvereniging SV {plaats} '58 is een gezellige club met ruim 450 leden, van "
                "de allerkleinsten t/m de veteranen. Op ons sportpark aan de Bosweg beschikken we "
                "over drie velden, waarvan één kunstgrasveld. Iedereen die van voetbal houdt is "
                "welkom, ongeacht niveau of leeftijd. Kom gerust een keer kijken op een "
                "zaterdagochtend om de sfeer te proeven. Nieuwe jeugdleden mogen eerst drie keer "
                "gratis meetrainen."
            ),
            (
                "Zonder vrijwilligers kan onze vereniging niet bestaan. Voor de kantine zoeken we "
                "nog mensen die één of twee keer per maand een zaterdagdienst willen draaien. Je "
                "hoeft geen ervaring te hebben, want je wordt altijd ingewerkt door een vaste "
                "kracht. Ook voor het onderhoud van de velden en het begeleiden van jeugdteams "
                "zijn extra handen welkom. Aanmelden kan bij de vrijwilligerscoördinator, dhr. Van "
                "den Berg, of via het secretariaat."
            ),
            (
                "Op donderdag 14 november vindt de algemene ledenvergadering plaats in de kantine. "
                "Op de agenda staan o.a. het financieel jaarverslag, de begroting voor het komende "
                "seizoen en de verkiezing van twee nieuwe bestuursleden. Ook wordt het plan voor "
                "de renovatie van de kleedkamers toegelicht. De stukken liggen vanaf een week voor "
                "de vergadering ter inzage bij de bar. Leden die verhinderd zijn, kunnen "
                "schriftelijk vragen indienen bij het bestuur."
            ),
            (
                "Dit seizoen hebben we er maar liefst zes nieuwe sponsors bij. Dankzij hun "
                "bijdrage kunnen we o.a. nieuwe tenues voor de jeugd aanschaffen en het scorebord "
                "op het hoofdveld vervangen. Wilt u ook sponsor worden, dan zijn er verschillende "
                "mogelijkheden, van een reclamebord langs het veld tot een vermelding op de "
                "website. Neem voor meer informatie contact op met de sponsorcommissie. Wij zijn "
                "al onze sponsors zeer dankbaar voor hun steun."
            ),
            (
                "Het jaarlijkse jeugdkamp was ook dit jaar weer een groot succes. Ruim zestig "
                "kinderen van de JO9 t/m de JO13 brachten een weekend door op het terrein van de "
                "scouting. Er werd gevoetbald, gezwommen en 's avonds was er een spannende "
                "speurtocht door het bos. De leiding had alles tot in de puntjes geregeld, en "
                "zelfs het weer werkte mee. Een speciaal woord van dank aan de ouders die hebben "
                "geholpen met koken en vervoer."
            ),
        ],
        "extras": [
            "Uitslagen",
            "Programma",
            "Trainingstijden",
            "Training: dinsdag en donderdag 19.00 - 20.30 uur",
            "Sportpark De Bosweg",
            "Word lid!",
        ],
    },
    "koor": {
        "sites": ["www.gemengdkoorzangvreugde.nl", "www.koorcantilene.nl"],
        "section": "nieuws",
        "titles": [
            "Over ons koor",
            "Zingen bij Cantilene",
            "Nieuws van het koor",
            "Concertagenda en nieuws",
        ],
        "paragraphs": [
            (
                "Het Gemengd Koor {plaats} repeteert elke woensdagavond van 20.00 tot 22.00 uur in "
                "het wijkcentrum aan de Lindelaan. Ons repertoire is breed: van klassieke werken "
                "en kerkmuziek tot musicalliedjes en popnummers in een eigen arrangement. Onder "
                "leiding van dirigent Hanneke Zwart werken we twee keer per jaar toe naar een "
                "concert. Noten lezen is geen vereiste, want nieuwe leden krijgen oefenopnamen en "
                "een stemcoach. Vooral tenoren en bassen zijn van harte welkom."
            ),
            (
                "Op zondag 15 december geeft het koor een kerstconcert in de Grote Kerk. Samen met "
                "een strijkkwartet en organist Jan Dekker brengen we o.a. delen uit de Messiah en "
                "een aantal traditionele kerstliederen. Het concert begint om 15.00 uur, de deuren "
                "gaan een half uur eerder open. Kaarten kosten 12,50 euro en zijn verkrijgbaar bij "
                "de boekhandel op de Markt en bij de leden. Kinderen t/m 12 jaar hebben gratis "
                "toegang."
            ),
            (
                "Zingen in een koor is goed voor lichaam en geest. Je traint je ademhaling, je "
                "concentratie en je geheugen, en je doet het niet alleen. Veel leden vertellen dat "
                "de woensdagavond het vaste lichtpuntje in hun week is. Na de repetitie drinken we "
                "altijd nog iets samen in de foyer. Kom gerust eens vrijblijvend luisteren om te "
                "ervaren of het iets voor u is."
            ),
            (
                "Vorig voorjaar maakte het koor een korte reis naar Keulen. We zongen er tijdens "
                "een mis in een van de romaanse kerken van de stad en gaven een middagconcert in "
                "een verzorgingshuis. Voor veel leden was het de eerste keer dat ze in het "
                "buitenland optraden. De reis werd mede mogelijk gemaakt door de opbrengst van "
                "onze jaarlijkse rommelmarkt. Er wordt nu al gesproken over een volgende reis, "
                "misschien naar Gent."
            ),
        ],
        "extras": ["Repetities", "Concertagenda", "Lid worden", "Dirigent", "Fotoalbum"],
    },
    "fietswinkel": {
        "sites": ["www.fietsenhuis-online.nl", "www.destadsrijder.nl"],
        "section": "e-bikes",
        "titles": [
            "Stadsrijder E7 elektrische damesfiets",
            "Stadsrijder E7 lage instap antraciet",
            "Stadsrijder E7 mintgroen",
        ],
        "paragraphs": [
            (
                "De Stadsrijder E7 is een lichte elektrische fiets voor wie dagelijks naar het "
                "werk of de stad fietst. Het aluminium frame met lage instap maakt op- en "
                "afstappen eenvoudig, ook met een volle boodschappentas. De middenmotor geeft een "
                "natuurlijk rijgevoel en ondersteunt tot 25 km per uur. Met zeven versnellingen in "
                "de achternaaf kom je moeiteloos elke brug op. Verkrijgbaar in de kleuren "
                "antraciet, mat zwart en mintgroen."
            ),
            (
                "De accu van 500 Wh zit onopvallend in de bagagedrager en is met een sleutel af te "
                "sluiten. Afhankelijk van de ondersteuningsstand en het gewicht van de berijder "
                "haal je een actieradius van 60 tot 120 km. Het volledig opladen duurt ca. vijf "
                "uur met de meegeleverde lader. Op het display aan het stuur zie je o.a. de "
                "resterende capaciteit, je snelheid en de afgelegde afstand. Na 500 laadcycli "
                "heeft de accu nog minstens 80 procent van de oorspronkelijke capaciteit."
            ),
            (
                "Bestel je voor 16.00 uur, dan wordt de fiets binnen drie werkdagen volledig "
                "rijklaar bij je thuis afgeleverd. Onze monteur stelt het zadel en het stuur op de "
                "juiste hoogte in en legt uit hoe alles werkt. Op het frame krijg je tien jaar "
                "garantie, op de motor en de accu twee jaar. Ben je niet tevreden, dan kun je de "
                "fiets binnen veertien dagen kosteloos retourneren. Betalen kan o.a. met iDEAL, "
                "creditcard of in termijnen."
            ),
            (
                "Een elektrische fiets vraagt weinig onderhoud, maar een jaarlijkse "
                "onderhoudsronde in de werkplaats is verstandig. Controleer regelmatig de "
                "bandenspanning, want zachte banden kosten meer energie en dus actieradius. Laad "
                "de accu bij voorkeur op bij kamertemperatuur en laat hem in de winter niet in een "
                "koude schuur staan. Maak de ketting eens per maand schoon en smeer hem licht in. "
                "In onze werkplaats geldt een vaste onderhoudsprijs van 69 euro."
            ),
            (
                "Klanten geven de Stadsrijder E7 gemiddeld een 8,7. Veel kopers noemen het lage "
                "gewicht van 23 kg en de stille motor als grootste pluspunten. Een enkeling vindt "
                "de standaard wat wankel als de fiets zwaar beladen is. 'Ik fiets nu elke dag de "
                "twaalf kilometer naar mijn werk, ook bij tegenwind', schrijft een klant uit "
                "{plaats}. Lees hieronder alle beoordelingen of schrijf zelf een review."
            ),
        ],
        "extras": [
            "Prijs: € 2.299,00",
            "Op voorraad",
            "Gewicht: 23 kg",
            "Framemaat: 53 cm",
            "In winkelwagen",
            "Gratis verzending",
            "Specificaties",
            "Beoordelingen (48)",
        ],
    },
    "moestuin": {
        "sites": ["www.mijnvolkstuintje.nl", "www.groenevingersblog.nl"],
        "section": "blog",
        "titles": [
            "Een jaar op de volkstuin",
            "Mijn moestuin in {plaats}",
            "Tuindagboek",
            "Wat ik dit jaar leerde in de moestuin",
        ],
        "paragraphs": [
            (
                "Sinds twee jaar heb ik een volkstuin van 150 vierkante meter aan de rand van "
                "{plaats}. Toen ik begon, wist ik nauwelijks het verschil tussen een courgette en "
                "een komkommer. Inmiddels oogst ik van mei t/m oktober meer groenten dan we samen "
                "kunnen eten. De buren op het complex hebben me veel geleerd, vooral over het "
                "voorkomen van ziektes. In deze blog houd ik bij wat lukt en wat mislukt."
            ),
            (
                "Dit voorjaar heb ik voor het eerst zelf tomaten voorgezaaid op de vensterbank. Ik "
                "gebruikte speciale zaaigrond en kleine bakjes met een deksel, zodat de grond "
                "vochtig bleef. Na ca. tien dagen kwamen de eerste plantjes boven. Zodra ze twee "
                "echte blaadjes hadden, heb ik ze verspeend in grotere bakjes. Half mei gingen ze "
                "naar buiten, onder een eenvoudige kap van plastic tegen de koude nachten."
            ),
            (
                "De slakken hebben dit jaar bijna al mijn sla opgegeten. Een bierval, koffiedik en "
                "eierschalen hielpen allemaal een beetje, maar niet genoeg. Uiteindelijk werkte "
                "het 's avonds rapen met een zaklamp nog het best. Een buurman raadde me aan om "
                "loopeenden te nemen, maar dat gaat me iets te ver. Volgend jaar probeer ik het "
                "met een rand van koperband rond de bedden."
            ),
            (
                "De oogst van de sperziebonen was dit jaar enorm. We hebben ze gegeten, "
                "ingevroren, ingemaakt en aan iedereen in de straat uitgedeeld. Toch bleven er nog "
                "kilo's over, dus die heb ik naar de voedselbank gebracht. Het mooie van zelf "
                "kweken is dat je precies weet waar je eten vandaan komt. Bovendien smaken "
                "groenten die een uur eerder nog aan de plant hingen echt anders."
            ),
            (
                "In de herfst zaai ik groenbemesters, zoals facelia en gele mosterd, op de lege "
                "bedden. Ze beschermen de grond tegen uitspoeling en trekken bovendien bijen aan. "
                "In het voorjaar spit ik ze onder, zodat ze als voeding voor het bodemleven "
                "dienen. Het is een eenvoudige manier om de grond vruchtbaar te houden zonder "
                "kunstmest. Bij de tuinvereniging kun je zaad in kleine hoeveelheden kopen."
            ),
        ],
        "extras": [
            "Categorie: Moestuin",
            "Labels: tomaten, zaaien, volkstuin",
            "Vorig bericht",
            "Volgend bericht",
            "Over mij",
        ],
    },
    "gemeente": {
        "sites": ["www.gemeente-lindenhoven.nl", "www.gemeenteberichten-noord.nl"],
        "section": "bekendmakingen",
        "titles": [
            "Gemeentenieuws",
            "Bekendmakingen en mededelingen",
            "Gemeentepagina {plaats}",
            "Informatie voor inwoners",
        ],
        "paragraphs": [
            (
                "Vanaf 1 januari wordt het restafval in {plaats} nog maar één keer per vier weken "
                "opgehaald. Groente-, fruit- en tuinafval en plastic verpakkingen worden juist "
                "vaker ingezameld. Met deze maatregel wil de gemeente het scheiden van afval "
                "verder stimuleren. In december ontvangen alle huishoudens een nieuwe "
                "afvalkalender. U kunt de ophaaldagen ook raadplegen in de afvalapp van de "
                "gemeente."
            ),
            (
                "Burgemeester en wethouders maken bekend dat een aanvraag voor een "
                "omgevingsvergunning is ontvangen voor het bouwen van een woning aan de "
                "Dorpsstraat nr. 12. De aanvraag ligt t/m 28 februari ter inzage bij de "
                "publieksbalie van het gemeentehuis. Tegen deze aanvraag kunnen nog geen bezwaren "
                "worden ingediend. Zodra er een besluit is genomen, wordt dit gepubliceerd in het "
                "gemeenteblad. Voor vragen kunt u contact opnemen met het team Vergunningen."
            ),
            (
                "De gemeente wil het Marktplein opnieuw inrichten en vraagt inwoners om mee te "
                "denken. Op dinsdag 8 oktober is er een inloopavond in het gemeentehuis, van 19.00 "
                "tot 21.00 uur. Daar worden drie schetsontwerpen getoond, o.a. met meer groen en "
                "ruimte voor terrassen. Ook de marktkooplieden en ondernemers rond het plein zijn "
                "uitgenodigd. Wie niet kan komen, kan tot eind oktober online een reactie geven."
            ),
            (
                "Bij zware regenval stroomt het water in sommige straten niet snel genoeg weg. "
                "Daarom legt de gemeente de komende jaren in verschillende wijken een gescheiden "
                "riolering aan. Regenwater wordt dan niet meer naar de zuivering gebracht, maar "
                "naar sloten en wadi's. Bewoners kunnen zelf ook helpen door tegels in de tuin te "
                "vervangen door planten. Voor het afkoppelen van de regenpijp is een subsidie van "
                "max. 500 euro beschikbaar."
            ),
            (
                "Het gemeentehuis is in de kerstvakantie beperkt geopend. Op 24 en 31 december "
                "sluit de publieksbalie om 12.00 uur, en op 25 en 26 december en 1 januari zijn "
                "alle loketten gesloten. Voor het aanvragen van een paspoort of rijbewijs moet u "
                "altijd een afspraak maken. Bij een overlijden kunt u de burgerlijke stand ook op "
                "feestdagen telefonisch bereiken. Wij wensen alle inwoners fijne feestdagen toe."
            ),
        ],
        "extras": [
            "Gemeenteberichten",
            "Bekendmakingen",
            "Afval",
            "Wonen en leven",
            "Maak een afspraak",
            "Zaaknummer: Z/19/04512",
        ],
    },
    "texel": {
        "sites": ["www.onderwegmetfemke.nl", "www.reisverhalen-nederland.nl"],
        "section": "reizen",
        "titles": [
            "Een week fietsen en kamperen op Texel",
            "Reisverslag: Texel met kinderen",
            "Texel in de zomer",
        ],
        "paragraphs": [
            (
                "Vorige zomer waren we een week op Texel, met de fiets en een tentje achterop. "
                "Vanaf Den Helder ben je met de boot in twintig minuten aan de overkant, en toch "
                "voelt het meteen als vakantie. We stonden op een kleine camping bij De Koog, op "
                "loopafstand van het strand. 's Ochtends haalden we verse broodjes bij de bakker "
                "in het dorp. Het weer was wisselend, maar dat hoort er op een eiland nu eenmaal "
                "bij."
            ),
            (
                "Een van de mooiste tochten voerde ons door de duinen naar de vuurtoren in het "
                "noorden van het eiland. Het fietspad slingert tussen heide, bos en hoge duinen "
                "door, met hier en daar een uitzicht over zee. Bij de vuurtoren kun je naar boven "
                "klimmen, ca. honderdvijftig treden. Boven waait het flink, maar bij helder weer "
                "zie je Vlieland liggen. Neem voldoende water mee, want onderweg zijn weinig "
                "voorzieningen."
            ),
            (
                "In Oudeschild bezochten we een museum over de zeevaart en de jutters van het "
                "eiland. Er staan o.a. oude sloepen, scheepsmodellen en een verzameling voorwerpen "
                "die in de loop der eeuwen zijn aangespoeld. De kinderen vonden vooral de verhalen "
                "over schipbreuken en verloren ladingen spannend. Na afloop aten we vis op de "
                "kade, met uitzicht op de kotters. Het was de gezelligste middag van de hele week."
            ),
            (
                "Een excursie naar de zeehonden mag op Texel eigenlijk niet ontbreken. We gingen "
                "met een voormalige garnalenkotter het wad op en zagen al snel een groep zeehonden "
                "op een zandplaat liggen. De schipper vertelde ondertussen over eb en vloed en "
                "over de vissen die in het wad opgroeien. Ook werd er een net uitgegooid, zodat we "
                "konden zien wat er op de bodem leeft. De tocht duurde ongeveer twee uur en is "
                "zeker een aanrader."
            ),
            (
                "Wie op Texel is, moet ook het lamsvlees en de lokale kazen proberen. Op veel "
                "boerderijen kun je aan huis producten kopen, van schapenkaas tot jam en wol. Wij "
                "fietsten langs een boerderijwinkel bij Den Hoorn en namen een heel pakket mee "
                "naar de camping. 's Avonds maakten we er een eenvoudige maaltijd van op het "
                "gaspitje. Met het geluid van de zee op de achtergrond smaakte alles nog beter."
            ),
        ],
        "extras": [
            "Reizen",
            "Nederland",
            "Waddeneilanden",
            "Praktische tips",
            "Geschreven door Femke",
        ],
    },
    "klussen": {
        "sites": ["www.klustipsvoorthuis.nl", "www.zelfklussen.nl", "www.dehandigeman.nl"],
        "section": "klustips",
        "titles": [
            "Klussen in en om het huis",
            "Klustips voor beginners",
            "Zelf aan de slag: zo pak je het aan",
            "Handige tips voor het weekend",
        ],
        "paragraphs": [
            (
                "Een muur schilderen lijkt eenvoudig, maar een goede voorbereiding is het halve "
                "werk. Haal eerst spijkers en pluggen uit de muur en vul de gaatjes met vulmiddel. "
                "Schuur de plekken na het drogen glad en neem de muur af met een vochtige doek. "
                "Plak plinten, stopcontacten en kozijnen zorgvuldig af met schilderstape. Begin "
                "daarna met de randen en rol vervolgens de vlakken in banen van boven naar "
                "beneden."
            ),
            (
                "Laminaat leggen kun je prima zelf, als de vloer eronder maar vlak en droog is. "
                "Leg eerst een geschikte ondervloer en laat het laminaat minstens 48 uur "
                "acclimatiseren in de ruimte. Begin in de linkerhoek van de langste muur en houd "
                "rondom ca. 1 cm afstand tot de muur, omdat het materiaal werkt. Zaag de laatste "
                "plank van elke rij op maat en begin de volgende rij met het restant. Werk af met "
                "plinten, zodat de uitzettingsvoeg niet meer zichtbaar is."
            ),
            (
                "Een lekkende kraan is vaak het gevolg van een versleten leertje of keramisch "
                "binnenwerk. Draai eerst de hoofdkraan dicht en open de kraan om de druk eraf te "
                "halen. Schroef daarna het kraanbovendeel los met een passende sleutel. Neem het "
                "oude onderdeel mee naar de bouwmarkt, zodat je zeker weet dat je het juiste "
                "exemplaar koopt. Monteer het nieuwe binnenwerk en draai de hoofdkraan langzaam "
                "weer open."
            ),
            (
                "Een houten schutting gaat langer mee als je hem elke twee à drie jaar behandelt. "
                "Borstel de planken eerst goed schoon en verwijder groene aanslag met een speciaal "
                "reinigingsmiddel. Laat het hout een paar droge dagen goed drogen voordat je gaat "
                "beitsen. Gebruik een brede kwast en werk steeds een hele plank af om "
                "kleurverschillen te voorkomen. Kies bij voorkeur een dekkende beits, want die "
                "beschermt het hout het beste tegen zonlicht."
            ),
            (
                "Voordat je in een muur gaat boren, is het verstandig om te controleren of er geen "
                "leidingen lopen. Elektriciteitsleidingen lopen meestal recht boven of naast een "
                "stopcontact of schakelaar. Met een eenvoudige leidingzoeker kun je dit snel "
                "nagaan. Gebruik voor beton een klopboor en voor gipsplaat speciale "
                "hollewandpluggen. Draag altijd een veiligheidsbril, want steengruis in je oog is "
                "geen pretje."
            ),
        ],
        "extras": [
            "Benodigdheden",
            "Stap 1",
            "Stap 2",
            "Moeilijkheidsgraad: gemiddeld",
            "Tijd: 2 uur",
            "Bekijk ook onze video",
        ],
    },
    "sport": {
        "sites": ["www.sportinderegio.nl", "www.amateursportnieuws.nl"],
        "section": "sport",
        "titles": [
            "Sportuitslagen van het weekend",
            "Amateursport: de verslagen",
            "Sport in {plaats}",
            "Het sportweekend in beeld",
        ],
        "paragraphs": [
            (
                "Het eerste elftal van SV {plaats} heeft zaterdag met 3-1 gewonnen van VV "
                "Rietveen. Na een matige eerste helft kwamen de gasten vlak voor rust nog op "
                "voorsprong uit een vrije trap. Direct na de pauze maakte spits Kevin Bos gelijk "
                "met een fraaie kopbal. In het laatste kwartier bepaalden Bos en invaller Tim "
                "Evers met twee treffers de eindstand. Door de overwinning staat de ploeg nu op de "
                "derde plaats in de competitie."
            ),
            (
                "De dames van hockeyclub HC {plaats} zijn zondag niet verder gekomen dan een "
                "gelijkspel tegen koploper Rapide. Beide ploegen waren aan elkaar gewaagd en in de "
                "eerste helft vielen er nauwelijks kansen. Na rust scoorde Rapide uit een "
                "strafcorner, maar een minuut voor tijd tikte aanvoerder Lisa Meijer de "
                "gelijkmaker binnen. Coach Roel Peters was tevreden over de inzet. Volgende week "
                "wacht een lastige uitwedstrijd in Den Bosch."
            ),
            (
                "In een uitverkochte sporthal heeft korfbalvereniging De Wieken de "
                "kampioenswedstrijd in de zaal gewonnen. Tegen naaste achtervolger Fortuna werd "
                "het na een spannende tweede helft 21-18. Vooral het afstandsschot van Nienke Vos "
                "was de hele wedstrijd een wapen. Na het laatste fluitsignaal stormden de "
                "supporters het veld op. Het team komt volgend seizoen uit in de hoofdklasse."
            ),
            (
                "Op de natuurijsbaan van {plaats} werd zaterdag voor het eerst sinds jaren weer "
                "een toertocht verreden. Na een week flinke vorst was het ijs door de ijsmeesters "
                "dik genoeg bevonden. Ruim driehonderd schaatsers kozen voor de afstand van 15, 30 "
                "of 60 km. Bij de koek-en-zopie langs de route was het de hele dag druk. De "
                "organisatie hoopt dat de baan volgend weekend nog eens open kan."
            ),
            (
                "De wielerronde van {plaats} trok dinsdagavond weer veel publiek langs het "
                "parcours door het centrum. Bij de amateurs ging de zege na een late aanval naar "
                "Jeroen Hendriks uit Apeldoorn. In de slotronde had hij ca. tien seconden "
                "voorsprong op een achtervolgende groep van vijf renners. Bij de jeugd waren er "
                "o.a. wedstrijden voor nieuwelingen en junioren. De organisatie bedankt alle "
                "vrijwilligers en de bewoners van de binnenstad voor hun medewerking."
            ),
        ],
        "extras": ["Uitslag: 3-1", "Amateurvoetbal", "Stand", "Eerste klasse C", "Programma"],
    },
    "geschiedenis": {
        "sites": ["www.historischekring-oudstad.nl", "www.uithetstadsarchief.nl"],
        "section": "verhalen",
        "titles": [
            "Uit de geschiedenis van {plaats}",
            "Verhalen uit het archief",
            "Zo was het vroeger",
            "Historische wandeling door de binnenstad",
        ],
        "paragraphs": [
            (
                "De oude stadsmuur van {plaats} werd rond 1350 gebouwd, kort nadat de stad "
                "stadsrechten had gekregen. Van de oorspronkelijke muur met zijn zeven poorten is "
                "vandaag de dag weinig meer over. Alleen bij de oude haven staat nog een stuk van "
                "ca. veertig meter, met daarin een halfronde toren. In de negentiende eeuw werd de "
                "muur grotendeels afgebroken, omdat de stad moest kunnen groeien. De stenen werden "
                "o.a. hergebruikt voor de bouw van pakhuizen aan de kade."
            ),
            (
                "De watertoren aan de rand van het centrum werd in 1912 in gebruik genomen. "
                "Daarvoor haalden de meeste bewoners hun water uit putten en pompen, wat "
                "regelmatig tot ziekte leidde. De komst van de waterleiding betekende een grote "
                "vooruitgang voor de volksgezondheid. Sinds de jaren tachtig heeft de toren geen "
                "functie meer voor de watervoorziening. Tegenwoordig zijn er appartementen en een "
                "uitkijkpunt in gevestigd."
            ),
            (
                "Tussen 1880 en 1960 was de textielfabriek van de familie Ter Horst de grootste "
                "werkgever van de stad. Op het hoogtepunt werkten er meer dan duizend mensen, van "
                "wie velen uit de omliggende dorpen kwamen. De fabriek liet voor haar arbeiders "
                "hele straten met woningen bouwen, die nu nog steeds bewoond worden. Toen de "
                "productie naar het buitenland verdween, sloot de fabriek in 1967 definitief haar "
                "deuren. In het oude ketelhuis is nu een klein museum over het fabrieksleven."
            ),
            (
                "Van 1905 tot 1938 reed er een stoomtram tussen {plaats} en de omliggende dorpen. "
                "De tram vervoerde niet alleen reizigers, maar ook melk, post en "
                "landbouwproducten. Vooral op marktdagen was het druk, en soms moest er een extra "
                "wagen worden aangekoppeld. Door de opkomst van de autobus werd de lijn steeds "
                "minder rendabel. Het oude tramstation aan het Stationsplein is nog herkenbaar aan "
                "de ronde ramen boven de deur."
            ),
            (
                "Al sinds de late middeleeuwen wordt er op zaterdag markt gehouden op het plein "
                "voor de kerk. Boeren uit de omgeving verkochten er boter, kaas, eieren en vee. In "
                "de zestiende eeuw kreeg de stad het recht om ook twee keer per jaar een grote "
                "paardenmarkt te houden. Die paardenmarkt trok handelaren uit het hele land en "
                "zelfs uit Duitsland. Tegenwoordig is de weekmarkt vooral een plek waar mensen "
                "elkaar ontmoeten."
            ),
        ],
        "extras": [
            "Historische vereniging",
            "Uit het archief",
            "Foto: collectie streekarchief",
            "Bronnen",
            "Vorige aflevering",
        ],
    },
    "huisdieren": {
        "sites": ["www.dierenkliniek-dehoeve.nl", "www.alles-over-huisdieren.nl"],
        "section": "advies",
        "titles": [
            "Tips voor huisdiereigenaren",
            "Goed voor je huisdier zorgen",
            "Dierenkliniek {plaats}",
            "Vraag het de dierenarts",
        ],
        "paragraphs": [
            (
                "Een kitten in huis nemen is een grote stap. Een kat kan gemakkelijk vijftien tot "
                "twintig jaar oud worden, dus denk goed na of je die verantwoordelijkheid wilt "
                "dragen. Haal een kitten bij voorkeur niet voor de leeftijd van twaalf weken bij "
                "de moeder weg. In die eerste weken leert het jonge dier veel van de moeder en de "
                "andere kittens. Zorg dat je een krabmeubel, een kattenbak en een rustige "
                "slaapplek klaar hebt staan."
            ),
            (
                "Honden hebben dagelijks voldoende beweging nodig, maar hoeveel precies verschilt "
                "sterk per ras. Een border collie wil graag uren rennen en puzzelen, terwijl een "
                "oudere mopshond het na een halfuur wel gezien heeft. Let op warme dagen goed op, "
                "want honden kunnen niet zweten zoals wij. Wandel dan vroeg in de ochtend of laat "
                "op de avond en neem altijd water mee. Laat een hond nooit achter in een "
                "geparkeerde auto, ook niet voor even."
            ),
            (
                "Konijnen zijn sociale dieren en horen niet alleen in een hokje te zitten. Houd ze "
                "bij voorkeur met zijn tweeën en geef ze elke dag de ruimte om te rennen en te "
                "graven. Hooi moet het grootste deel van hun voeding zijn, aangevuld met verse "
                "groenten en een klein beetje korrelvoer. Wortels bevatten veel suiker en zijn dus "
                "eerder een snoepje dan basisvoer. Laat je konijnen jaarlijks vaccineren tegen "
                "myxomatose en RHD."
            ),
            (
                "Dierenkliniek {plaats} is op werkdagen geopend van 8.00 tot 18.00 uur. Voor "
                "spoedgevallen buiten deze tijden kunt u 24 uur per dag ons spoednummer bellen. "
                "Wij werken uitsluitend op afspraak, zodat de wachttijden kort blijven. In onze "
                "praktijk werken o.a. drie dierenartsen en vier paraveterinairen. Wij behandelen "
                "honden, katten, konijnen, knaagdieren en vogels."
            ),
        ],
        "extras": ["Katten", "Honden", "Knaagdieren", "Maak een afspraak", "Spoed"],
    },
    "computer": {
        "sites": ["www.computerhulpvoorouderen.nl", "www.digitaalwijzer.nl"],
        "section": "tips",
        "titles": [
            "Computertips",
            "Veilig en handig online",
            "Zo blijft je computer snel",
            "Digitale tips van de week",
        ],
        "paragraphs": [
            (
                "Een back-up maken is iets wat veel mensen pas serieus nemen als het een keer is "
                "misgegaan. Bewaar belangrijke bestanden, zoals foto's en documenten, altijd op "
                "minstens twee plekken. Een externe harde schijf is goedkoop en eenvoudig in "
                "gebruik. Zet daarnaast een automatische back-up naar de cloud aan, zodat je ook "
                "bij brand of diefstal niets kwijtraakt. Controleer af en toe of je de bestanden "
                "ook echt kunt terugzetten."
            ),
            (
                "Is de wifi in huis traag, dan ligt dat niet altijd aan je abonnement. Dikke "
                "muren, vloerverwarming en een router in de meterkast zorgen vaak voor een zwak "
                "signaal. Zet de router bij voorkeur op een centrale, hoge plek in huis. Met een "
                "mesh-systeem van twee of drie kastjes krijg je in grotere woningen een stabiel "
                "netwerk. Vergeet ook niet regelmatig de software van de router bij te werken."
            ),
            (
                "Criminelen sturen steeds vaker nepmails die lijken te komen van een bank of een "
                "pakketdienst. Vaak wordt er gevraagd om snel op een link te klikken, bijv. omdat "
                "je rekening anders geblokkeerd wordt. Controleer altijd het afzenderadres en ga "
                "nooit via een link naar de website van je bank. Banken vragen nooit om je pincode "
                "of inlogcodes per mail of telefoon. Twijfel je, bel dan zelf het nummer op de "
                "achterkant van je bankpas."
            ),
            (
                "Een oude laptop hoeft niet meteen weg als hij traag wordt. Vaak helpt het al om "
                "overbodige programma's te verwijderen en de opstartprogramma's te beperken. Een "
                "grote verbetering krijg je door de harde schijf te vervangen door een SSD. Dat "
                "kost tegenwoordig nog geen vijftig euro en is met een schroevendraaier in een "
                "halfuur gedaan. Maak wel eerst een volledige back-up van je bestanden."
            ),
        ],
        "extras": ["Computerhulp", "Veelgestelde vragen", "Stap voor stap", "Meer tips"],
    },
    "natuur": {
        "sites": ["www.natuurnieuws-regio.nl", "www.vogelwerkgroep-deuil.nl"],
        "section": "natuur",
        "titles": [
            "Natuur dichtbij",
            "Natuurnieuws uit {plaats}",
            "Erop uit in de natuur",
            "Seizoenstips voor natuurliefhebbers",
        ],
        "paragraphs": [
            (
                "In de winter komen er meer vogels naar de tuin, omdat voedsel in de natuur "
                "schaarser wordt. Met een paar eenvoudige voedertafels help je mezen, merels en "
                "roodborstjes de koude maanden door. Hang vetbollen zonder netje op, want vogels "
                "kunnen met hun pootjes in het netje verstrikt raken. Zorg ook voor vers "
                "drinkwater, zeker als het vriest. Maak de voederplek regelmatig schoon om ziektes "
                "te voorkomen."
            ),
            (
                "Het gaat niet goed met de wilde bij in Nederland. Meer dan de helft van de ruim "
                "350 soorten staat op de Rode Lijst. Je kunt zelf helpen door bloeiende planten in "
                "je tuin of op je balkon te zetten, bij voorkeur van het vroege voorjaar t/m de "
                "late herfst. Een bijenhotel van holle stengels of geboord hout biedt "
                "nestgelegenheid. Laat daarnaast een stukje van de tuin wat rommelig, want veel "
                "bijen nestelen in de grond."
            ),
            (
                "De herfst is een mooie tijd om paddenstoelen te zoeken. In de bossen rond "
                "{plaats} groeien o.a. vliegenzwammen, eekhoorntjesbrood en stinkzwammen. Pluk ze "
                "niet, maar bekijk en fotografeer ze ter plekke. Veel paddenstoelen zijn giftig en "
                "lijken sterk op eetbare soorten. De boswachter geeft in oktober elke zondagmiddag "
                "een gratis excursie."
            ),
            (
                "In de oude schuur van een boerderij bij {plaats} broedt al jaren een paar "
                "kerkuilen. De boer heeft samen met vrijwilligers van de uilenwerkgroep een "
                "nestkast onder de nok geplaatst. Dit jaar werden er vijf jongen geboren, die "
                "inmiddels allemaal zijn uitgevlogen. De vrijwilligers ringen de jongen om later "
                "te kunnen volgen waar ze terechtkomen. Kerkuilen jagen vooral op muizen en zijn "
                "daardoor ook nuttig voor de boer."
            ),
        ],
        "extras": ["Wandelroutes", "Agenda excursies", "Meer natuurnieuws", "Foto: eigen werk"],
    },
}

# Topics that read well together on one very long page (first topic gives the title).
RELATED_TOPICS: list[tuple[str, str]] = [
    ("nieuws", "gemeente"),
    ("voetbalclub", "sport"),
    ("moestuin", "natuur"),
    ("geschiedenis", "nieuws"),
    ("klussen", "computer"),
    ("texel", "natuur"),
]

# --------------------------------------------------------------------------------------------
# Innocent homographs: each paragraph contains a word or phrase that is on a bad-word list
# (whole word, or as part of a longer word) but means something innocent here.
# "topic" names the topic whose paragraphs fill the rest of the page.
# --------------------------------------------------------------------------------------------

HOMOGRAPH_PARAGRAPHS: list[dict] = [
    {
        "words": ["potlood"],
        "topic": "nieuws",
        "title": "Tekencursus voor beginners in het wijkcentrum",
        "text": (
            "In het wijkcentrum start in september een tekencursus voor beginners. Je hebt alleen "
            "een schetsboek en een zacht potlood nodig, bijv. een 4B of 6B. Met een hard potlood "
            "worden de lijnen te licht en kun je minder goed schaduw aanbrengen. De docent begint "
            "met eenvoudige voorwerpen, zoals een kopje, een appel of een oude theepot. Aan het "
            "eind van de cursus teken je een portret van een van je medecursisten."
        ),
    },
    {
        "words": ["analyse"],
        "topic": "gemeente",
        "title": "Steeds meer fietsers op de Zuiderbrug",
        "text": (
            "Uit een analyse van de verkeerstellingen blijkt dat het aantal fietsers op de "
            "Zuiderbrug sinds 2015 met ca. 40 procent is gestegen. Vooral in de spits is het "
            "fietspad op de brug inmiddels te smal. De gemeente laat daarom een verdere analyse "
            "uitvoeren naar de mogelijkheden om de brug te verbreden. Ook wordt gekeken naar een "
            "aparte fietsbrug iets verderop. De resultaten worden in het voorjaar aan de "
            "gemeenteraad gepresenteerd."
        ),
    },
    {
        "words": ["hoera"],
        "topic": "voetbalclub",
        "title": "Hoera, 60 jaar",
        "text": (
            "Hoera, onze vereniging bestaat zestig jaar! Dat vieren we op zaterdag 7 september met "
            "een groot feest op het sportpark. Overdag zijn er wedstrijden voor alle teams, een "
            "springkussen voor de kleinsten en een oud-ledenwedstrijd. 's Avonds is er een "
            "feestavond in de kantine met livemuziek. Iedereen die ooit lid is geweest, is van "
            "harte welkom om mee te vieren."
        ),
    },
    {
        "words": ["Scunthorpe"],
        "topic": "sport",
        "title": "Daan Kuipers tekent bij Scunthorpe United",
        "text": (
            "De negentienjarige verdediger Daan Kuipers vertrekt naar Engeland. Hij tekende "
            "dinsdag een contract voor twee seizoenen bij Scunthorpe United. Kuipers speelde in de "
            "jeugd bij de amateurs van SV {plaats} voordat hij werd opgepikt door een profclub. "
            "'Het is een droom om in Engeland te voetballen', liet hij weten. In Scunthorpe zal "
            "hij de komende weken meetrainen met het eerste elftal."
        ),
    },
    {
        "words": ["asbak"],
        "topic": "klussen",
        "title": "Tweedehands vondsten",
        "text": (
            "In de kringloopwinkel vond ik vorige week een zware glazen asbak uit de jaren "
            "zeventig. Bij ons thuis rookt al lang niemand meer, maar hij staat nu in de gang als "
            "schaal voor sleutels en muntjes. Zo'n asbak was vroeger in elk huishouden te vinden, "
            "vaak als cadeau van een bedrijf of als souvenir van een vakantie. Ik vind het leuk om "
            "zulke voorwerpen een nieuw leven te geven. Het kostte me precies twee euro."
        ),
    },
    {
        "words": ["de hond uitlaten"],
        "topic": "huisdieren",
        "title": "Ons ochtendrondje",
        "text": (
            "Elke ochtend om zeven uur gaan we eerst de hond uitlaten, ook als het regent of "
            "stormt. Onze labrador Bommel weet precies hoe laat het is en staat al kwispelend bij "
            "de deur. We lopen meestal een rondje van een half uur door het park. Daar komen we "
            "steeds dezelfde mensen tegen, zodat je vanzelf een praatje maakt. Zonder hond had ik "
            "de buurt nooit zo goed leren kennen."
        ),
    },
    {
        "words": ["gras maaien"],
        "topic": "moestuin",
        "title": "Het gazon in het voorjaar",
        "text": (
            "Eind maart of begin april kun je voor het eerst het gras maaien. Zet de maaier dan "
            "niet te laag, want kort gemaaid gras droogt in het voorjaar snel uit. Een hoogte van "
            "ca. vijf centimeter is voor de meeste gazons ideaal. Wie een paar stroken laat staan, "
            "geeft bloemen en insecten een kans. Na het gras maaien kun je het gazon het beste een "
            "keer licht bemesten."
        ),
    },
    {
        "words": ["muts"],
        "topic": "moestuin",
        "title": "Breien voor de winter",
        "text": (
            "Met twee bollen dikke wol en een rondbreinaald maak je in een paar avonden een muts "
            "voor de winter. Zet 88 steken op en brei eerst een boord van ongeveer zes centimeter "
            "in twee recht, twee averecht. Daarna brei je verder in tricotsteek tot de muts ca. "
            "twintig centimeter hoog is. Voor de bovenkant minder je in elke toer een aantal "
            "steken. Werk af met een pompon, als je daar zin in hebt."
        ),
    },
    {
        "words": ["pot"],
        "topic": "recepten",
        "title": "Zelf aardbeienjam maken",
        "text": (
            "Aardbeienjam maak je eenvoudig zelf met verse aardbeien en geleisuiker. Kook de "
            "vruchten met de suiker vier minuten flink door en roer voortdurend. Giet de hete jam "
            "in een goed schoongemaakte pot en draai het deksel er meteen stevig op. Zet de pot "
            "een paar minuten op zijn kop, zodat het deksel vacuüm trekt. Bewaar de jam op een "
            "koele, donkere plek en zet een geopende pot in de koelkast."
        ),
    },
    {
        "words": ["aardappels afgieten", "stamppot"],
        "topic": "recepten",
        "title": "Stamppot boerenkool",
        "text": (
            "Stamppot boerenkool is een echt wintergerecht. Kook de aardappels in ca. twintig "
            "minuten gaar en leg de boerenkool de laatste tien minuten erbovenop. Daarna moet je "
            "de aardappels afgieten en even laten uitdampen. Stamp alles fijn met een scheut warme "
            "melk en een klontje boter. Snijd de rookworst in plakjes en schep die er op het "
            "laatst door."
        ),
    },
    {
        "words": ["nicht"],
        "topic": "texel",
        "title": "Een bruiloft aan zee",
        "text": (
            "Afgelopen weekend was het feest, want mijn nicht Sanne is getrouwd. De ceremonie vond "
            "plaats op het strand bij De Koog, met uitzicht op zee. Mijn nicht had alles zelf "
            "georganiseerd, van de bloemen tot de muziek. 's Avonds werd er gedanst in een "
            "strandpaviljoen tot diep in de nacht. Het was een prachtige dag, en de hele familie "
            "was voor het eerst in jaren weer bij elkaar."
        ),
    },
    {
        "words": ["schatje"],
        "topic": "moestuin",
        "title": "Oma en haar kleindochter",
        "text": (
            "'Kom maar, schatje', zegt mijn moeder als onze dochter huilend de keuken binnenloopt. "
            "Binnen een minuut zit ze bij oma op schoot en is het verdriet vergeten. Ik weet nog "
            "goed dat ze vroeger precies hetzelfde tegen mij zei. Het is bijzonder om te zien hoe "
            "zulke kleine gewoontes van generatie op generatie doorgaan. Mijn dochter noemt haar "
            "knuffelkonijn inmiddels ook schatje."
        ),
    },
    {
        "words": ["gat", "paal"],
        "topic": "gemeente",
        "title": "Bewoners Dorpsstraat boos over gat in de weg",
        "text": (
            "Op de Dorpsstraat in {plaats} zit al weken een diep gat in het wegdek. Omwonenden "
            "hebben het meerdere keren gemeld, maar tot nu toe is er niets gebeurd. Vorige week "
            "reed een bestelbus in het donker tegen een paal die als waarschuwing bij het gat was "
            "geplaatst. 'Er moet eerst iemand gewond raken voordat ze iets doen', zegt een "
            "bewoner. Een woordvoerder van de gemeente laat weten dat het herstel volgende week is "
            "ingepland."
        ),
    },
    {
        "words": ["hol"],
        "topic": "natuur",
        "title": "Das graaft hol langs fietspad",
        "text": (
            "Langs het fietspad naar {plaats} heeft een das een hol gegraven in de berm. "
            "Boswachters vragen fietsers en wandelaars om daar rustig te passeren en honden aan de "
            "lijn te houden. Dassen zijn nachtdieren en komen pas na zonsondergang naar buiten. "
            "Een hol kan uit tientallen gangen en ingangen bestaan en wordt soms generaties lang "
            "gebruikt. Bij de ingang van het bos staat een bord met meer informatie."
        ),
    },
    {
        "words": ["naaien"],
        "topic": "nieuws",
        "title": "Cursus kleding naaien in de bibliotheek",
        "text": (
            "In de bibliotheek start in oktober een cursus kleding naaien voor beginners. In zes "
            "lessen leer je werken met een naaimachine en patronen lezen. Je maakt o.a. een "
            "eenvoudige rok of een tas. Naaimachines zijn aanwezig, maar je mag ook je eigen "
            "machine meenemen. De kosten zijn 45 euro, inclusief stof en garen."
        ),
    },
]

# --------------------------------------------------------------------------------------------
# Wikipedia-like articles about invented subjects, with citation marks.
# --------------------------------------------------------------------------------------------

WIKI_ARTICLES: list[dict] = [
    {
        "title": "Haverdijk",
        "site": "nl.wikipedia-archief.nl",
        "infobox": ["Provincie Gelderland", "Gemeente Lochemerveld", "Inwoners 2.315 (2019)"],
        "intro": (
            "Haverdijk is een dorp in de Nederlandse provincie Gelderland, gelegen aan de "
            "oostoever van de IJssel.[1] Het dorp telt ca. 2.300 inwoners en maakt sinds 2001 deel "
            "uit van de gemeente Lochemerveld.[2] De kern bestaat uit een langgerekt lint van "
            "huizen langs de dijk met daarachter een kleine nieuwbouwwijk. Haverdijk heeft een "
            "basisschool, een dorpshuis en een voetbalvereniging."
        ),
        "section": "Geschiedenis",
        "body": (
            "De eerste vermelding van Haverdijk dateert uit 1283, toen het als Havrendic in een "
            "oorkonde werd genoemd.[3] Het dorp ontstond op een rivierduin dat ook bij hoog water "
            "droog bleef. In de zeventiende eeuw werd er een steenfabriek gesticht, die tot 1952 "
            "in bedrijf bleef.[4] Bij de overstroming van 1926 liep een groot deel van de "
            "uiterwaarden onder water, maar de kern bleef gespaard."
        ),
    },
    {
        "title": "De Vlijt (Oudewerf)",
        "site": "nl.wikipedia-archief.nl",
        "infobox": ["Type: stellingmolen", "Bouwjaar 1857", "Functie: korenmolen"],
        "intro": (
            "De Vlijt is een ronde stenen stellingmolen in het dorp Oudewerf.[1] De molen werd in "
            "1857 gebouwd als koren- en pelmolen, ter vervanging van een afgebrande standerdmolen. "
            "Sinds 1972 is hij een rijksmonument.[2]"
        ),
        "section": "Geschiedenis",
        "body": (
            "In 1921 werd de molen uitgerust met een elektromotor, waarna het malen op windkracht "
            "geleidelijk afnam.[3] Na de Tweede Wereldoorlog raakte het gebouw in verval, en in "
            "1964 werden de wieken verwijderd. Een plaatselijke stichting kocht de molen in 1978 "
            "en liet hem in de jaren daarna volledig restaureren.[4] Tegenwoordig draait de molen "
            "op zaterdag met vrijwillige molenaars en is hij te bezoeken."
        ),
    },
    {
        "title": "Kasteel Rodenborgh",
        "site": "www.encyclopedie-brabant.nl",
        "infobox": ["Plaats: Nijstede", "Bouwjaar: ca. 1300", "Status: ruïne"],
        "intro": (
            "Kasteel Rodenborgh is een voormalig kasteel bij het dorp Nijstede in "
            "Noord-Brabant.[1] Van het oorspronkelijke gebouw resten alleen nog het poortgebouw en "
            "een deel van de gracht. Het terrein is sinds 1985 een beschermd archeologisch "
            "monument.[2]"
        ),
        "section": "Geschiedenis",
        "body": (
            "Het kasteel werd vermoedelijk rond 1300 gebouwd door de heren van Rodenborgh, die in "
            "dienst stonden van de hertog van Brabant.[3] In 1587 werd het tijdens de "
            "Tachtigjarige Oorlog grotendeels verwoest. De ruïne werd in de achttiende eeuw "
            "gebruikt als steengroeve voor boerderijen in de omgeving.[4] Archeologisch onderzoek "
            "in 2009 bracht de fundamenten van de hoofdtoren aan het licht."
        ),
    },
    {
        "title": "Hendrik van Aalst",
        "site": "nl.wikipedia-archief.nl",
        "infobox": ["Geboren: 1621", "Overleden: 1688", "Beroep: kunstschilder"],
        "intro": (
            "Hendrik van Aalst (Dordrecht, 1621 – Amsterdam, 1688) was een Nederlandse "
            "kunstschilder uit de Gouden Eeuw.[1] Hij is vooral bekend om zijn rivierlandschappen "
            "met vissersboten en kleine figuren. Van zijn hand zijn ca. 80 schilderijen bewaard "
            "gebleven.[2]"
        ),
        "section": "Leven en werk",
        "body": (
            "Van Aalst ging in de leer bij een landschapschilder in zijn geboortestad en vertrok "
            "rond 1645 naar Amsterdam.[3] Daar werkte hij o.a. voor kunsthandelaren die zijn werk "
            "naar Engeland verkochten. Zijn latere schilderijen zijn lichter van toon en tonen "
            "vaak een avondlucht boven het water. Hij stierf in armoede en werd in een "
            "ongemarkeerd graf begraven.[4]"
        ),
    },
    {
        "title": "Lindewijk (rivier)",
        "site": "www.waterenland-encyclopedie.nl",
        "infobox": ["Lengte: 34 km", "Bron: Duitse grens", "Monding: Berkel"],
        "intro": (
            "De Lindewijk is een kleine rivier in het oosten van Nederland met een lengte van ca. "
            "34 kilometer.[1] De rivier ontspringt bij de Duitse grens en mondt uit in de "
            "Berkel.[2] Het stroomgebied bestaat grotendeels uit landbouwgrond en enkele kleine "
            "bossen."
        ),
        "section": "Normalisatie en herstel",
        "body": (
            "In de jaren zestig werd de Lindewijk over grote lengte rechtgetrokken om de "
            "afwatering van de landbouwgronden te verbeteren.[3] Hierdoor verdwenen veel "
            "oorspronkelijke meanders en nam de natuurwaarde sterk af. Sinds 2010 voert het "
            "waterschap herstelprojecten uit waarbij oude bochten opnieuw worden uitgegraven.[4] "
            "Inmiddels zijn o.a. de ijsvogel en de bever teruggekeerd langs de oevers."
        ),
    },
    {
        "title": "Zuiderveense Tramweg-Maatschappij",
        "site": "nl.wikipedia-archief.nl",
        "infobox": ["Opgericht: 1898", "Opgeheven: 1936", "Spoorwijdte: 1067 mm"],
        "intro": (
            "De Zuiderveense Tramweg-Maatschappij (ZTM) was een Nederlandse tramwegonderneming die "
            "tussen 1899 en 1936 een stoomtramlijn in Drenthe exploiteerde.[1] De lijn had een "
            "lengte van 41 km en een spoorwijdte van 1067 mm.[2] Het hoofdkantoor en de remise "
            "stonden in het veendorp Zuiderveen."
        ),
        "section": "Geschiedenis",
        "body": (
            "De maatschappij werd opgericht door een groep veenbazen die hun turf sneller naar de "
            "markt wilden brengen.[3] Naast turf vervoerde de tram ook reizigers, vee en "
            "kunstmest. Na de opkomst van de vrachtauto daalden de inkomsten snel, en in 1936 werd "
            "de lijn opgeheven.[4] Van het tracé is nog een deel als fietspad in gebruik."
        ),
    },
]

WIKI_REFERENCES = [
    "↑ Gemeente Lochemerveld, Jaarverslag 2018",
    "↑ Provinciaal archief, inventaris nr. 1123",
    "↑ J. de Wit, Molens en mensen (1981), blz. 44",
    "↑ Streekarchief, collectie kaarten",
]

# --------------------------------------------------------------------------------------------
# Other languages: whole pages (title, paragraphs).
# --------------------------------------------------------------------------------------------

ENGLISH_PAGES: list[dict] = [
    {
        "site": "www.expatlife-utrecht.nl",
        "title": "Cycling in the Netherlands: a beginner's guide",
        "paragraphs": [
            "When we moved to Utrecht last spring, the first thing our neighbours told us was to "
            "buy a bike. Almost everyone here cycles, from toddlers in front carriers to elderly "
            "couples on electric bikes. At first the sheer number of cyclists at rush hour was "
            "terrifying. Within a few weeks, though, I was weaving through traffic like a local. "
            "The trick is to be predictable and always signal with your hand before turning.",
            "A second-hand city bike costs between 80 and 200 euros, depending on its condition. "
            "Invest in two good locks, because bike theft is unfortunately very common. Use a "
            "chain lock to attach the frame to something solid, and the built-in ring lock on the "
            "back wheel as a backup. Lights are required after dark, and the police do hand out "
            "fines. Finally, never cycle on the footpath, as pedestrians will not be amused.",
        ],
    },
    {
        "site": "www.dutchkitchenstories.com",
        "title": "How to make Dutch pancakes at home",
        "paragraphs": [
            "Dutch pancakes are larger and thinner than American ones but thicker than French "
            "crêpes. They are eaten for dinner as often as for dessert. Popular toppings include "
            "bacon, cheese, apple and a generous drizzle of thick syrup. The batter is simple: "
            "flour, eggs, milk and a pinch of salt. Let it rest for at least thirty minutes before "
            "you start frying.",
            "Heat a large frying pan until it is really hot and melt a little butter. Pour in just "
            "enough batter to cover the bottom and tilt the pan so it spreads evenly. If you are "
            "adding bacon, fry it first and pour the batter over it. Turn the pancake over when "
            "the top looks dry and the edges start to curl. Serve immediately, while the next one "
            "cooks.",
        ],
    },
    {
        "site": "www.homenetworkreviews.com",
        "title": "Review: a budget wireless router",
        "paragraphs": [
            "We spent two weeks testing this budget wireless router in a three-storey terraced "
            "house. Setup took less than ten minutes using the mobile app, which guided us through "
            "every step. Speeds on the ground floor were excellent, easily reaching the full "
            "capacity of our fibre connection. On the top floor, however, the signal dropped "
            "noticeably and video calls occasionally froze.",
            "Overall, this router offers very good value for money. The interface is clear, "
            "firmware updates are installed automatically and the build quality feels solid. We "
            "would have liked a second wired port for a games console. If you live in a small "
            "apartment, you are unlikely to find a better option at this price.",
        ],
    },
    {
        "site": "www.weekendawaytravelblog.com",
        "title": "A weekend in Maastricht",
        "paragraphs": [
            "Maastricht feels different from the rest of the Netherlands, with its hills, narrow "
            "streets and relaxed southern way of life. We arrived on a Friday evening and headed "
            "straight for the large central square lined with cafés. The next morning we explored "
            "the old city walls and the caves under the hill south of the city. A guide led us "
            "through kilometres of tunnels where stone was quarried for centuries.",
            "On Sunday we rented bikes and followed the river south towards the Belgian border. "
            "The route is mostly flat and passes through quiet villages and orchards. We stopped "
            "for lunch at a small restaurant and tried the local fruit tart. By the time we caught "
            "the train home, we were already planning our next visit.",
        ],
    },
    {
        "site": "www.amsterdaminternationalchess.nl",
        "title": "Welcome to the Amsterdam International Chess Club",
        "paragraphs": [
            "The Amsterdam International Chess Club meets every Tuesday evening in a community "
            "centre in the east of the city. Our members come from more than twenty countries, and "
            "English is the common language at the board. Players of all levels are welcome, from "
            "complete beginners to rated tournament players. We run an internal competition from "
            "September to May, as well as rapid evenings. Your first three visits are free.",
            "Membership costs 60 euros per year, which includes coffee and tea during club nights. "
            "Each season we also enter two teams in the regional league. New members are paired "
            "with an experienced player who can help them find their feet.",
        ],
    },
    {
        "site": "www.citynewsinenglish.nl",
        "title": "Residents asked to report broken streetlights",
        "paragraphs": [
            "The city council is asking residents to report broken streetlights using a new online "
            "form. In recent months the number of complaints about dark streets and cycle paths "
            "has risen sharply. A spokesperson said that many faults go unnoticed because people "
            "assume somebody else has already reported them. Repairs are usually carried out "
            "within five working days.",
            "The council also plans to replace around two thousand old lamps with energy-saving "
            "LED lighting over the next three years. The new lamps use up to sixty percent less "
            "electricity and can be dimmed late at night. Several streets in the eastern district "
            "will be the first to get the new lighting.",
        ],
    },
]

GERMAN_PAGES: list[dict] = [
    {
        "site": "www.radreisen-tagebuch.de",
        "title": "Mit dem Fahrrad entlang der Mosel",
        "paragraphs": [
            "Im vergangenen Sommer sind wir mit dem Fahrrad von Trier bis nach Koblenz gefahren. "
            "Der Radweg verläuft fast immer direkt am Ufer der Mosel und ist deshalb angenehm "
            "flach. Unterwegs kommt man durch zahlreiche kleine Weinorte mit Fachwerkhäusern und "
            "engen Gassen. Wir haben jeden Abend in einer anderen Pension übernachtet, die wir "
            "meistens erst am Nachmittag gebucht haben. Insgesamt waren wir sechs Tage unterwegs.",
            "Besonders schön war der Abschnitt, wo sich die Weinberge steil über dem Fluss "
            "erheben. Dort haben wir einen Ruhetag eingelegt und bei einem Winzer eine kleine "
            "Weinprobe gemacht. Wer möchte, kann auch mit dem Schiff ein Stück der Strecke "
            "zurücklegen. Für Familien mit Kindern ist diese Tour sehr zu empfehlen.",
        ],
    },
    {
        "site": "www.gemeinde-lindenau.de",
        "title": "Vollsperrung der Hauptstraße",
        "paragraphs": [
            "Wegen Bauarbeiten an der Wasserleitung wird die Hauptstraße ab Montag, dem 6. Mai, "
            "für etwa drei Wochen voll gesperrt. Die Umleitung erfolgt über die Bahnhofstraße und "
            "den Kirchweg und ist ausgeschildert. Die Bushaltestelle am Rathaus wird in dieser "
            "Zeit in die Schulstraße verlegt. Anwohner können ihre Grundstücke zu Fuß jederzeit "
            "erreichen.",
            "Für Rückfragen steht das Bauamt montags bis freitags von 8 bis 12 Uhr zur Verfügung. "
            "Aktuelle Informationen zum Stand der Arbeiten finden Sie auch im Amtsblatt. Die "
            "Gemeindeverwaltung bittet um Verständnis für die entstehenden Unannehmlichkeiten.",
        ],
    },
    {
        "site": "www.omas-rezepte-sammlung.de",
        "title": "Kartoffelsuppe nach Omas Art",
        "paragraphs": [
            "Für eine einfache Kartoffelsuppe braucht man nur wenige Zutaten. Die Kartoffeln "
            "werden geschält, gewürfelt und zusammen mit Karotten, Lauch und einer Zwiebel in "
            "Brühe weich gekocht. Anschließend wird ein Teil der Suppe püriert, damit sie schön "
            "sämig wird. Mit Salz, Pfeffer und etwas Majoran abschmecken. Dazu passen Würstchen "
            "oder frisch gebackenes Brot.",
            "Die Suppe lässt sich gut vorbereiten und schmeckt am nächsten Tag oft sogar noch "
            "besser. Wer es vegetarisch mag, lässt die Würstchen einfach weg und verwendet "
            "Gemüsebrühe.",
        ],
    },
    {
        "site": "www.bergschuh-laden.de",
        "title": "Wanderschuh Trekking Pro",
        "paragraphs": [
            "Der Trekking Pro ist ein leichter Wanderschuh für Tagestouren und mehrtägige "
            "Wanderungen. Das Obermaterial aus Wildleder und Textil ist atmungsaktiv und dank der "
            "Membran wasserdicht. Die griffige Sohle sorgt auch auf nassem Fels für guten Halt. "
            "Durch die gepolsterte Zunge und die verstärkte Ferse sitzt der Schuh sicher am Fuß.",
            "Bestellungen bis 14 Uhr werden noch am selben Tag versendet. Innerhalb Deutschlands "
            "ist der Versand ab einem Bestellwert von 50 Euro kostenlos. Sie können den Artikel "
            "innerhalb von 30 Tagen ohne Angabe von Gründen zurückschicken.",
        ],
    },
    {
        "site": "www.schachverein-springer.de",
        "title": "Willkommen beim Schachverein Springer",
        "paragraphs": [
            "Der Schachverein Springer trifft sich jeden Donnerstag ab 19 Uhr im Gemeindehaus. Bei "
            "uns spielen Jugendliche und Erwachsene gemeinsam, vom Anfänger bis zum erfahrenen "
            "Turnierspieler. Jedes Jahr veranstalten wir eine Vereinsmeisterschaft und ein offenes "
            "Schnellschachturnier. Gäste sind jederzeit herzlich willkommen.",
            "Unsere Jugendgruppe trainiert freitags unter der Leitung eines erfahrenen Trainers. "
            "Die Kinder lernen spielerisch die Regeln und erste Eröffnungen. Wer möchte, kann an "
            "Jugendturnieren in der Region teilnehmen.",
        ],
    },
]

AFRIKAANS_PAGES: list[dict] = [
    {
        "site": "www.reisjoernaal.co.za",
        "title": "Ons vakansie in die Karoo",
        "paragraphs": [
            "Verlede Desember het ons as gesin vir twee weke deur die Karoo gery. Die landskap is "
            "droog en stil, maar op sy eie manier asemrowend mooi. Ons het op plase oornag waar "
            "die boere ons met ope arms ontvang het. Saans het ons om die vuur gesit en na die "
            "sterre gekyk, want daar is feitlik geen ligbesoedeling nie. Die kinders praat nou nog "
            "oor die aand toe ons 'n vallende ster gesien het.",
            "Op pad terug het ons by 'n klein dorpie stilgehou vir koffie en melktert. Die eienaar "
            "van die kafee het ons vertel hoe die dorp oor die jare verander het. Baie jong mense "
            "trek na die stad, maar toeriste bring nuwe lewe. Ons gaan beslis weer terug, miskien "
            "in die lente wanneer die veldblomme blom.",
        ],
    },
    {
        "site": "www.kookmetliefde.co.za",
        "title": "Resep: tradisionele bobotie",
        "paragraphs": [
            "Bobotie is een van die bekendste geregte in Suid-Afrika. Jy braai eers 'n ui in 'n "
            "bietjie olie en voeg dan die maalvleis, kerriepoeier en 'n lepel blatjang by. Week 'n "
            "sny brood in melk, druk dit uit en meng dit saam met rosyntjies deur die vleis. Skep "
            "die mengsel in 'n oondbak en gooi 'n mengsel van eiers en melk bo-oor. Bak dit vir "
            "omtrent 'n halfuur in 'n warm oond tot die bolaag goudbruin is.",
            "Bedien die bobotie met geelrys en 'n slaai. Dit is ook heerlik die volgende dag, as "
            "die geure goed ingetrek het.",
        ],
    },
]

# --------------------------------------------------------------------------------------------
# Too short: one to three sentences. `{plaats}` is filled in.
# --------------------------------------------------------------------------------------------

SHORT_PAGES: list[dict] = [
    {
        "title": "Te koop: kinderfiets",
        "text": "Te koop: kinderfiets 20 inch, blauw, in goede staat. Ophalen in {plaats}.",
    },
    {
        "title": "Onderhoud",
        "text": "Deze pagina is tijdelijk niet beschikbaar. Probeer het later nog eens.",
    },
    {
        "title": "Bedankt",
        "text": (
            "Bedankt voor je aanmelding! Je ontvangt binnen enkele minuten een bevestiging per "
            "e-mail."
        ),
    },
    {
        "title": "Vakantiesluiting",
        "text": "Onze winkel is wegens vakantie gesloten van 22 juli t/m 10 augustus.",
    },
    {
        "title": "Gevonden",
        "text": "Gevonden: grijze kater met witte sokjes, omgeving Parkweg. Wie mist hem?",
    },
    {
        "title": "Uitverkocht",
        "text": (
            "Dit product is helaas uitverkocht. Laat je e-mailadres achter, dan sturen we je een "
            "bericht zodra het weer op voorraad is."
        ),
    },
    {
        "title": "Tennisvereniging De Lob",
        "text": (
            "Welkom op de website van tennisvereniging De Lob. Hier vindt u binnenkort meer "
            "informatie over onze club."
        ),
    },
    {
        "title": "Avondvierdaagse",
        "text": "De inschrijving voor de avondvierdaagse is gesloten. Tot volgend jaar!",
    },
    {
        "title": "Pagina niet gevonden",
        "text": (
            "Deze pagina bestaat niet (meer). Controleer het adres of ga terug naar de "
            "startpagina. Excuses voor het ongemak."
        ),
    },
    {
        "title": "Gezocht: oppas",
        "text": (
            "Gezocht: oppas voor twee kinderen op woensdagmiddag in {plaats}. Reacties graag via "
            "het contactformulier."
        ),
    },
]

# --------------------------------------------------------------------------------------------
# Placeholder pages. The pseudo-Latin after the customary opening words is our own.
# --------------------------------------------------------------------------------------------

LOREM_PAGES: list[dict] = [
    {
        "site": "www.bouwbedrijf-vandermeer.nl",
        "title": "Over ons",
        "lines": [
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed ut tellus vitae arcu "
            "pharetra commodo. Nullam feugiat orci in dolor aliquet, vitae placerat ligula tempor.",
            "Integer sagittis nisl at mauris volutpat, nec fermentum justo hendrerit. Donec varius "
            "nunc quis lectus gravida, at porta sem congue.",
            "Hier komt binnenkort meer informatie over ons bedrijf en onze projecten.",
        ],
    },
    {
        "site": "www.webshop-kaarsenenzo.nl",
        "title": "Producttitel",
        "lines": [
            "Prijs: € 0,00",
            "Lorem ipsum dolor sit amet. Curabitur tempus mi vel nibh interdum, non bibendum nisi "
            "sodales. Aenean lacinia erat id purus tristique, sed luctus urna pretium.",
            "Vivamus mollis felis et orci suscipit, vitae egestas neque dignissim.",
            "In winkelwagen",
        ],
    },
    {
        "site": "www.kapsalon-haarmode.nl",
        "title": "Welkom",
        "lines": [
            "Welkom op onze nieuwe website!",
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Proin a magna in turpis "
            "ornare posuere. Etiam dictum velit eu sapien laoreet, a tincidunt odio fringilla.",
            "Maecenas quis augue vitae eros mattis condimentum. Suspendisse potenti.",
        ],
    },
    {
        "site": "www.installatiebedrijf-dewit.nl",
        "title": "Diensten",
        "lines": [
            "Wij zijn uw specialist voor cv-ketels, sanitair en dakwerk in de regio.",
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Morbi non arcu at lectus "
            "commodo gravida. Nunc eget quam vel ipsum pulvinar volutpat.",
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Praesent vel diam a nibh "
            "cursus sodales. Phasellus ac turpis sit amet nulla tristique egestas.",
            "Neem contact met ons op voor een vrijblijvende offerte.",
        ],
    },
    {
        "site": "www.fotografie-zonnestraal.nl",
        "title": "Portfolio",
        "lines": [
            "Lorum ipsum dolor sit amet, consectetur adipiscing elit. Cras blandit magna non augue "
            "hendrerit, id facilisis est euismod.",
            "Fusce rhoncus ligula sed neque aliquet, eu consequat elit porttitor. Nam at ultricies "
            "risus, vel tempus arcu.",
            "Bekijk hieronder een selectie van mijn werk.",
        ],
    },
]

# --------------------------------------------------------------------------------------------
# Line-level noise: menus, breadcrumbs, sharing and reply buttons, footers, teasers.
# --------------------------------------------------------------------------------------------

MENU_ITEMS = [
    "Home",
    "Nieuws",
    "Contact",
    "Over ons",
    "Agenda",
    "Zoeken",
    "Menu",
    "Inloggen",
    "Nieuwsbrief",
    "Archief",
    "Foto's",
    "Links",
    "Route",
    "Webshop",
    "Blog",
    "Winkelwagen (0)",
]

BREADCRUMB_FORMATS = [
    "Home > {section} > {title}",
    "Home » {section} » {title}",
    "Je bent hier: Home / {section}",
    "U bent hier: Home > {section}",
]

SHARE_LINES = ["Delen:", "Deel dit artikel:", "Facebook", "Twitter", "WhatsApp", "E-mail", "Print"]

REPLY_LINES = [
    "Reageer",
    "Reacties (0)",
    "Geef een reactie",
    "Laat een reactie achter",
    "Plaats een reactie",
]

FOOTER_LINES = [
    "© {year} {site} | Alle rechten voorbehouden",
    "Privacyverklaring | Disclaimer | Sitemap",
    "Volg ons op Facebook en Instagram",
    "Terug naar boven",
    "Webdesign door Studio Pixelpracht",
]

SUBHEADINGS = ["Meer informatie", "Praktische informatie", "Tot slot", "Achtergrond", "Verder"]

# Lines that end in an ellipsis (teasers, truncated excerpts).
ELLIPSIS_LINES = [
    "Lees meer...",
    "Lees verder...",
    "Bekijk alle foto's...",
    "Meer nieuws uit {plaats}...",
    "Vorige week schreven we al over de plannen voor het nieuwe zwembad...",
    "In het volgende deel van deze serie gaan we dieper in op...",
    "Klik hier voor het volledige overzicht...",
]

# Comments that a good filter keeps.
CLEAN_COMMENTS = [
    "Mooi verslag, dank voor het delen!",
    "Goed bezig allemaal, op naar de volgende keer.",
    "Wanneer is de volgende bijeenkomst? Ik kom graag een keer kijken.",
    "Wat leuk om te lezen, ik herken er veel in.",
    "Dank je wel voor de tips, ik ga het dit weekend proberen.",
    "Helemaal mee eens, dit had veel eerder moeten gebeuren.",
]

# Comments with explicit Dutch or English swear words and sexual terms.
PROFANE_COMMENTS = [
    "Kut, weer die scheidsrechter. Die man fluit al jaren tegen ons!",
    "Wat een klootzak is die trainer van hen, neem gewoon je verlies.",
    "Fuck, ik was er net niet bij. Volgende keer beter!",
    "Holy shit, wat een doelpunt in de laatste minuut.",
    "Geile singles in jouw buurt willen neuken, klik op mijn profiel.",
    "This is fucking ridiculous, the road has been closed for months.",
    "Die wethouder is een klootzak die nooit naar de bewoners luistert.",
    "Wat een kut idee, wie verzint zoiets?",
]

# --------------------------------------------------------------------------------------------
# Document-level noise: cookie and privacy banners, javascript notices, code fragments,
# print-version notices.
# --------------------------------------------------------------------------------------------

COOKIE_BANNERS_EN = [
    ["This website uses cookies to ensure you get the best experience on our website.", "Got it!"],
    [
        "We use cookies to personalise content and ads and to analyse our traffic. By continuing "
        "to use this site, you consent to our use of cookies.",
        "Accept all",
    ],
    [
        "This site uses cookies. By continuing to browse the site you are agreeing to our use of "
        "cookies. Read our cookie policy.",
    ],
    ["Privacy Policy | Terms of Use | Cookie Policy"],
]

COOKIE_BANNERS_NL = [
    [
        "Deze website maakt gebruik van cookies om uw bezoek zo prettig mogelijk te maken. Lees "
        "onze privacy policy voor meer informatie.",
        "Accepteren",
    ],
    [
        "Wij gebruiken cookies om de website te verbeteren en advertenties af te stemmen op uw "
        "interesses. Bekijk onze cookie policy.",
        "Akkoord",
        "Instellingen",
    ],
    [
        "Door verder te gaan op deze website gaat u akkoord met het gebruik van cookies en onze "
        "terms of use.",
    ],
    ["Wij gaan zorgvuldig om met uw persoonsgegevens. Lees onze privacy policy."],
]

JAVASCRIPT_NOTICES = [
    "Zet javascript aan om deze website te gebruiken.",
    "JavaScript staat uit in uw browser. Schakel JavaScript in om alle functies van deze site te "
    "kunnen gebruiken.",
    "Please enable JavaScript to view the comments.",
    "U heeft javascript nodig om dit formulier in te vullen.",
    "Deze video kan niet worden afgespeeld omdat javascript is uitgeschakeld.",
]

# `{title}` in these is filled with str.replace, not str.format (they are full of braces).
CODE_FRAGMENTS = [
    ".nav-item{display:inline-block;padding:0 12px}.nav-item a{color:#333;text-decoration:none}",
    '{"@context":"https://schema.org","@type":"Article","headline":"{title}"}',
    "var menuOpen = false; function toggleMenu() { menuOpen = !menuOpen; }",
    "@media (max-width: 768px) { .zijbalk { display: none; } }",
    '{"product_id": 48213, "prijs": 2299.00, "voorraad": true}',
]

PRINT_NOTICES = [
    "Sommige elementen ontbreken aan deze printversie. Bekijk de volledige versie op de website.",
    "Let op: sommige elementen ontbreken aan deze printversie.",
    "Sommige elementen ontbreken aan deze printversie",
]

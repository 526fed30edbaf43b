"""Write `lyrics.csv`: Dutch songs in the smartlap tradition, all written for this project.

Every song and every artist here is invented: the songs were written for this sample, in the
style of the sentimental Dutch "smartlap" (lost love, mother, the harbour, the Jordaan, drink,
a child that died, a sailor, the kermis, the street organ ...). Artists' names are made up.

Columns: `artist,title,lyrics`, standard CSV quoting (the multi-line lyrics field is quoted).
A song's lyrics are stanzas separated by a blank line; the chorus is repeated after each verse,
sometimes under a "Refrein:" line. A few rows are noise on purpose:

* one song ends with an English translation note,
* one song marks its chorus "(2x)" instead of writing the repeat out,
* one "song" is only two lines long,
* one row has empty lyrics,
* one song contains a profane word ("klootzak").

There is no randomness; running the script twice gives identical files:

    python data/samples/make_lyrics.py [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent / "lyrics.csv"


@dataclass
class Song:
    artist: str
    title: str
    verses: list[str] = field(default_factory=list)
    chorus: str = ""
    label: bool = False  # write "Refrein:" above each chorus
    twice: bool = False  # mark the chorus "(2x)"
    note: str = ""  # a last line that is not part of the song

    def lyrics(self) -> str:
        chorus = self.chorus
        if chorus and self.twice:
            chorus += " (2x)"
        if chorus and self.label:
            chorus = "Refrein:\n" + chorus
        parts = []
        for verse in self.verses:
            parts.append(verse)
            if chorus:
                parts.append(chorus)
        if self.note:
            parts.append(self.note)
        return "\n\n".join(parts)


SONGS = [
    Song(
        "Johnny Kademuur",
        "Een lichtje voor de zeevaarder",
        [
            """Daar aan de kade staat een vrouw
Ze wacht al jaren, trouw en stil
Haar man voer uit in 't ochtendgrauw
En zei: ik kom terug, als God het wil""",
            """Elke avond steekt ze een lichtje aan
Dat brandt voor 't raam tot aan de morgen
Zodat hij weet waarheen te gaan
Al is hij nog zo ver verborgen""",
            """De jaren gingen traag voorbij
Haar haar werd grijs, haar handen beven
De schepen kwamen, rij aan rij
Maar hij kwam nooit, niet in dit leven""",
        ],
        """Een lichtje voor de zeevaarder
Het brandt voor jou alleen
Een lichtje voor de zeevaarder
Door storm en regen heen""",
        label=True,
    ),
    Song(
        "Mientje Brokaat",
        "Moeders lege stoel",
        [
            """Ik zit hier bij het raam, het is al laat
De lantaarns gaan weer aan in onze straat
Jouw stoel staat nog precies waar hij altijd stond
Met jouw vest erover, zoals ik hem vond""",
            """Je stond elke ochtend vroeg al aan 't fornuis
Met zeven hongerige monden in huis
Je klaagde nooit, al was het nog zo zwaar
Voor ieder van ons was jij altijd daar""",
            """Nu sta ik bij je steen met een bos seringen
Ik hoor je nog die oude liedjes zingen
De wind waait zacht door de bomen op het hof
En stil zing ik voor jou een lied van lof""",
        ],
        """Moeder, ik mis je, elke dag weer meer
Ik zou alles geven voor nog één keer
Nog één keer je hand, nog één keer je lach
Moeder, ik mis je, elke nacht en dag""",
        note="Translation note: 'Moeders lege stoel' means 'Mother's empty chair'.",
    ),
    Song(
        "Ome Bertus Lampion",
        "Draai nog één keer, orgelman",
        [
            """Op zaterdag kwam in onze straat
De orgelman met zijn muziek
Hij draaide vroeg en draaide laat
Voor groot en klein en arm en ziek""",
            """De kinderen dansten om hem heen
De moeders hingen uit de ramen
Het koperen bakje rinkelde en scheen
En heel de straat zong mee tezamen""",
            """Nu staat er een kantoor van glas
Waar eens ons kleine huisje stond
Geen mens die weet nog hoe het was
Alleen het liedje gaat nog rond""",
        ],
        """Draai, orgelman, draai nog één keer voor mij
Draai de wals van toen, die tijd is lang voorbij
Draai, orgelman, de straat is nu zo stil
Draai nog één keer, omdat mijn hart het wil""",
    ),
    Song(
        "Ria Zilverschoon",
        "Slaap zacht, kleine Jantje",
        [
            """Hij had zijn vaders blauwe ogen
En krullen, blond als zomergraan
Hij lachte als de zwaluwen vlogen
Hij wou altijd naar buiten gaan""",
            """Toen kwam die koude winternacht
Met koorts die maar niet wilde wijken
We hebben bij zijn bed gewacht
En moesten hem zo stil zien bezwijken""",
            """Zijn bedje staat nog op de zolder
Zijn schoentjes staan nog in de kast
De jaren gaan, het hart wordt ouder
Maar ik houd hem nog steeds vast""",
        ],
        """Slaap zacht, kleine Jantje
Daarboven bij de sterren
Het liedje dat ik voor je zong
Klinkt nog van heel ver
Slaap zacht, mijn lieve kleine
Mama is nooit ver""",
        label=True,
    ),
    Song(
        "De Gebroeders Pekelhaar",
        "Schenk nog eens in, Kobus",
        [
            """In het café daar op de hoek
Brandt het licht tot in de nacht
Daar zit ik als ik troost zoek
Met een glas dat op me wacht""",
            """Mijn vrouw vertrok, mijn baan is kwijt
Mijn portemonnee is leeg
Maar Kobus heeft nog altijd tijd
Voor iemand die het zwaar kreeg""",
            """En als de klok dan twee uur slaat
En Kobus zegt: het is gedaan
Dan zwalk ik door de natte straat
Alleen, onder een bleke maan""",
        ],
        """Schenk nog eens in, Kobus, schenk nog eens in
Op de liefde, op het leven, op een nieuw begin
Morgen wordt het beter, dat zeg ik elke keer
Schenk nog eens in, Kobus, en daarna nooit meer""",
        twice=True,
    ),
    Song(
        "Kees van de Kermis",
        "Kermis op het Hoefplein",
        [
            """Als de kermis op het Hoefplein staat
Dan ruikt de stad naar oliebollen
Het draaiorgel speelt tot heel laat
En kinderen die over het plein heen hollen""",
            """Ik won daar ooit een grote beer
Voor jou, bij het gooien naar de blikken
Je gaf me een kus, en nog een keer
Ik wist niet waar ik moest kijken""",
            """Nu loop ik er alleen langs de kramen
De beer staat stoffig op de kast
We waren jong en droomden samen
Maar niemand hield die dromen vast""",
        ],
        """Kermis, kermis, lichtjes in de nacht
Jij en ik in de zweefmolen, wat hebben we gelachen
Kermis, kermis, waar is de tijd gebleven
Ik gaf er alles voor, mijn hele leven""",
        label=True,
    ),
    Song(
        "Het Jordaans Dubbelkwartet",
        "Huisje aan de Lindengracht",
        [
            """Een huisje aan de Lindengracht
Drie hoog, met bloemen voor het raam
Daar werd ik op een winternacht
Geboren, en kreeg ik mijn naam""",
            """Mijn vader sjouwde kisten op de markt
Mijn moeder waste voor de hele buurt
We hadden weinig, maar het hart was sterk
En 's zondags was er soep, al was het duur""",
            """Nu woon ik in een flat ver weg
Met een lift en een balkon
Maar 's avonds hoor ik wat moeder zegt
Zoals ze vroeger zingen kon""",
        ],
        """O Jordaan, mijn ouwe Jordaan
Waar de buren nog voor elkaar klaarstaan
En ga ik ooit weg, ver weg van jou
Dan blijf ik toch mijn Jordaan trouw""",
    ),
    Song(
        "Sjaak Sloepie",
        "Zeeman zonder haven",
        [
            """Ik ben een zeeman zonder haven
Geen huis, geen vrouw die op me wacht
Ik heb de wereld rondgevaren
Bij dag en ook in donkere nacht""",
            """In elke haven een ander lief
Dat zei men van de varensgast
Maar nooit kreeg ik een echte brief
En niemand hield mijn handen vast""",
            """En word ik later oud en moe
En kan ik niet meer in de mast
Breng me dan naar de golven toe
Dan houd ik jou voor altijd vast""",
        ],
        """Zee, o zee, jij bent mijn enige thuis
Zee, o zee, jij wiegt me in je schoot
Ik vaar en vaar, ver weg van huis
Zee, o zee, tot aan mijn dood""",
        label=True,
    ),
    Song(
        "Willy Walsvogel",
        "De laatste wals in zaal Flora",
        [
            """In zaal Flora speelde het orkest
Een wals, zo teder en zo zacht
Jij droeg je jurk, je allerbeste
En danste met mij heel de nacht""",
            """Je zei: dit is de laatste keer
Morgen ga ik met een ander trouwen
Ik zag je nooit, nee, nooit meer
Maar ik bleef altijd van je houden""",
        ],
        """Eén, twee, drie, de laatste wals
Eén, twee, drie, jouw hoofd tegen mijn hals
Eén, twee, drie, het orkest speelt zacht
Maar ik dans alleen in de lege nacht""",
    ),
    Song(
        "Het Jordaans Dubbelkwartet",
        "Vaarwel, Goudsbloemstraat",
        [
            """Ze komen morgen met de sloophamer
Ons straatje gaat tegen de grond
Ik sta hier in mijn lege kamer
En kijk nog één keer in het rond""",
            """Hier heeft mijn moeder nog gezongen
Hier kreeg ik mijn allereerste zoen
Hier speelden wij, de straatjongens
Met knikkers op de stoep van toen""",
        ],
        """Vaarwel, vaarwel, Goudsbloemstraat
Ik weet niet hoe het verder gaat
Ze slopen huizen, steen voor steen
Maar wat wij hadden, gaat nooit heen""",
        label=True,
    ),
    Song(
        "Ria Zilverschoon",
        "De brief uit Den Helder",
        [
            """Elke ochtend sta ik bij de deur
Zodra de postbode belt
Maar nooit een brief, geen groet, geen kleur
Geen woord dat mij iets over jou vertelt""",
            """Je schreef: ik kom met Pasen thuis
Zodra mijn diensttijd is voorbij
Nu is het herfst, en stil in huis
En nog steeds schrijf jij niet aan mij""",
            """Men zegt dat jij een ander hebt
Een meisje uit het noorden
Maar ik geloof het niet, ik heb
Nog steeds jouw laatste woorden""",
        ],
        """Die brief uit Den Helder
Die heeft mij nooit bereikt
Ik wacht en ik blijf wachten
Zolang mijn hart niet wijkt""",
    ),
    Song(
        "Sjaak Sloepie",
        "Vader bleef op de Doggersbank",
        [
            """Mijn vader was een visserman
Op zijn veertiende al op zee
Hij wist waar de haring zwemmen kan
En nam mij soms een stukje mee""",
            """Toen kwam die storm in de novembernacht
Die joeg de golven hoog en wild
Moeder heeft op de dijk gewacht
Maar de zee bleef zwart en stil""",
            """Nu vaar ik zelf, net als hij deed
Zijn oude pet diep op mijn hoofd
En vaar ik daar, dan weet ik wel
Wat ik mijn vader heb beloofd""",
        ],
        """Vader bleef op de Doggersbank
Waar de koude golven slaan
Elke avond, jaren lang
Steekt moeder nog een kaarsje aan""",
        label=True,
    ),
    Song(
        "Mientje Brokaat",
        "Kerstmis in kamer twaalf",
        [
            """Het sneeuwt zachtjes buiten op het plein
De klokken luiden door de nacht
Ik zit hier met een glaasje wijn
En een kaars die op mijn kinderen wacht""",
            """Ze hebben het druk, dat weet ik wel
Met werk en met hun eigen gezin
Misschien gaat straks de telefoon nog wel
Of stapt er iemand bij me binnen""",
        ],
        """Stille nacht, maar niet voor mij
Kerstmis in kamer twaalf
Weer gaat er een jaar voorbij
En ik vier het met mezelf""",
    ),
    Song(
        "Kees van de Kermis",
        "Op de draaimolen met Truus",
        [
            """Ik was pas zestien, zij heette Truus
Het was kermis, en wij gingen niet naar huis
We zaten samen op een houten paard
Zij was me meer dan goud en zilver waard""",
            """De molen draaide rond en rond
Ik kuste haar toen op haar mond
De orgelmuziek speelde zo blij
En Truus, die lachte, zij hield van mij""",
            """Nu zijn we vijftig jaar getrouwd
En Truus is grijs, en ik ben kaal
Maar elk jaar, als de kermis komt
Dan gaan we op de molen, nog een maal""",
        ],
        """Draai maar, draai maar, draaimolen draai
Het leven is een kermis, zo kort en zo fraai
Draai maar, draai maar, nog één keer rond
Met Truus in mijn armen, mijn hart in mijn mond""",
        label=True,
    ),
    Song(
        "Willy Walsvogel",
        "Het ringetje van Marietje",
        [
            """Marietje draagt een ringetje
Van dun en oud geworden goud
Ze kreeg het van haar Hendrik
Op de dag dat ze zijn getrouwd""",
            """Haar Hendrik is al lang niet meer
Hij viel in de oorlog, nog zo jong
Ze droeg het zwart, jaar na jaar, keer op keer
En nooit meer heeft ze een lied gezongen""",
            """En als Marietje later gaat
Dan gaat het ringetje met haar mee
Dan vindt ze Hendrik, waar hij staat
En dansen ze weer, met z'n twee""",
        ],
        """Het ringetje, het ringetje
Het glanst nog elke dag
Het ringetje, het ringetje
Bewaart zijn laatste lach""",
    ),
    Song(
        "De Gebroeders Pekelhaar",
        "In het café van Sjaan",
        [
            """In het café van Sjaan is het altijd feest
Daar zingt de hele buurt een lied
Wie daar eens binnen is geweest
Die vergeet die avond niet""",
            """Ome Piet zit aan de bar
Met zijn pilsje en zijn pet
Hij vertelt van zee en van gevaar
Tot Sjaan hem om één uur buiten zet""",
            """En gaat het café ooit eens dicht
Dan is de buurt zijn hart kwijt
Dan dooft in onze straat het licht
Voor altijd, voor alle tijd""",
        ],
        """Hé Sjaan, zet de muziek nog eens aan
Hé Sjaan, we willen nog niet gaan
Nog eentje, nog eentje, en dan zijn we weg
Hé Sjaan, dat is wat ik elke avond zeg""",
        label=True,
    ),
    Song(
        "Ome Bertus Lampion",
        "Mijn ouwe zwarte fiets",
        [
            """Mijn ouwe zwarte fiets staat in de schuur
Al dertig jaar, met een lekke band
Ik reed ermee, bij weer en wind, elk uur
Naar de fabriek aan de andere kant""",
            """Achterop zat jij, mijn lieve Bep
Je zong een liedje en ik floot het mee
Zo reden we door weiland en langs de dijk
Op zondag, helemaal naar zee""",
            """Bep is er niet meer, de fiets is roest
Maar soms zet ik hem nog in de zon
Dan poets ik hem, zoals het moest
En weet ik weer hoe het begon""",
        ],
        """Ouwe fiets, ouwe fiets
Jij weet nog alles, jij vergeet niets
Ouwe fiets, ouwe fiets
Zonder jou was mijn leven niets""",
    ),
    Song(
        "Johnny Kademuur",
        "Tranen op perron drie",
        [
            """Op perron drie stond jij te wachten
Met je koffer en je hoed
Je zei: ik zal je nooit vergeten
Maar ik wist: dit komt niet meer goed""",
            """De trein floot en de deuren sloten
Je zwaaide nog één laatste keer
Ik heb die dag zoveel tranen vergoten
En sindsdien zag ik jou nooit meer""",
            """Nu sta ik elke vrijdagavond
Op perron drie, om kwart over acht
Misschien komt ooit die ene trein
Waarop ik al die jaren heb gewacht""",
        ],
        """Tranen op perron drie
Vallen op de koude stenen
Tranen op perron drie
Jij bent voor altijd verdwenen""",
        label=True,
    ),
    Song(
        "Ome Bertus Lampion",
        "Opa's trekharmonica",
        [
            """Op zolder vond ik, in een oude kist
De harmonica waar opa op speelde
Ik wist niet hoe ik hem had gemist
Totdat ik de knoppen weer voelde""",
            """Op elk verjaardagsfeest speelde hij
De polka en de wals voor ons allemaal
De tantes dansten, de ooms erbij
Tot diep in de nacht in de kleine zaal""",
            """Nu speel ik zelf, maar nog niet zo goed
Mijn vingers zijn stijf en de balg piept wat
Maar als ik speel, dan weet ik: zo moet
Het klinken, zoals opa het had""",
        ],
        """Speel nog eens, opa, speel nog een wijs
Een liedje van vroeger, een liedje van toen
Speel nog eens, opa, al ben je op reis
Ik hoor je nog spelen, ik voel nog je zoen""",
    ),
    Song(
        "Tante Door en de Drie Matrozen",
        "De vissersvrouw van Urk",
        [
            """Op Urk daar woont een vissersvrouw
Haar man is maandag uitgevaren
Ze staat op de dijk, in weer en kou
En kijkt al uren naar de baren""",
            """Ze bidt op zondag in de kerk
Voor hem en voor de hele vloot
De zee is wild en hard en sterk
En geeft het leven, en de dood""",
            """En vrijdagavond, met het tij
Dan rent ze naar de haven toe
En ziet ze hem, dan is ze blij
En is ze niet meer bang of moe""",
        ],
        """Vissersvrouw, vissersvrouw
Op de dijk in de wind
Vissersvrouw, vissersvrouw
Wacht op haar man en haar kind""",
        label=True,
    ),
    Song(
        "Tante Door en de Drie Matrozen",
        "Zondag in Zandvoort",
        [
            """Op zondag met de trein naar zee
Met broodjes kaas en een thermosfles
De kinderen en oma gingen mee
We vertrokken 's ochtends al om zes""",
            """We bouwden kastelen op het strand
Vader sliep onder de krant
Moeder deelde ijsjes uit met zorg
En 's avonds zat ons haar vol zand""",
            """Nu ga ik er soms nog alleen naartoe
Het strand is vol, de trein is snel
Ik zit op een bank, een beetje moe
En hoor de meeuwen, net als toen, nog wel""",
        ],
        """Zondag in Zandvoort, wat was het fijn
Met zon en zout en wind
Zondag in Zandvoort, ik wou dat ik daar weer kon zijn
Nog één keer als een kind""",
    ),
    Song(
        "Mientje Brokaat",
        "Mijn jongen in Canada",
        [
            """Mijn jongen ging naar Canada
Met één koffer en een droom
Hij riep nog: dag, ik schrijf je, ma
En toen verdween de boot op de stroom""",
            """Nu krijg ik met de kerst een kaart
Met foto's van zijn vrouw en kind
Ze hebben een boerderij, een paard
En sneeuw, en veel te koude wind""",
        ],
        """Canada, Canada, zo ver over zee
Canada, Canada, je nam mijn jongen mee
Ik zal hem nooit meer kunnen vasthouden
Maar ik zal altijd van hem houden""",
        label=True,
    ),
    Song(
        "Ria Zilverschoon",
        "Kamertje zeven",
        [
            """In kamertje zeven van het tehuis
Zit moeder bij het raam
Ze vraagt elke dag: wanneer ga ik naar huis?
En ze weet niet meer mijn naam""",
            """Ze praat over vader en over de oorlog
En over de bakker op de hoek
Ze lacht, en ik zeg: ja, mam, dat weet ik nog
Als ik haar op zondag bezoek""",
        ],
        """Kamertje zeven, zo klein en zo stil
Daar woont nu mijn moeder, al is het niet wat ze wil
Ik houd haar hand vast en zing haar een lied
Ze weet niet wie ik ben, maar het liedje vergeet ze niet""",
    ),
    Song(
        "Willy Walsvogel",
        "De eerste dans op de Westermarkt",
        [
            """Het was een zomeravond op de markt
De lampjes brandden, het orkest speelde zacht
Ik vroeg je ten dans, mijn hart dat klopte hard
En jij zei ja, veel eerder dan ik dacht""",
            """We dansten tot de klok twaalf sloeg
Je hoofd lag op mijn schouder, licht en stil
Ik wist toen al, voordat ik het je vroeg
Dat jij de vrouw was die ik wil""",
        ],
        """De eerste dans, de eerste dans
Onder de lampjes, in de zomernacht
Ik had maar één kans, en ik nam die kans
En het werd meer dan ik ooit had gedacht""",
        label=True,
    ),
    Song(
        "Het Jordaans Dubbelkwartet",
        "Regen op de Bloemgracht",
        [
            """Het regent op de Bloemgracht
De keitjes glanzen in het licht
Ik loop hier zonder paraplu vannacht
Met de regen op mijn gezicht""",
            """Hier liepen wij, hand in hand
Jij in je rode regenjas
Nu loop ik alleen langs de waterkant
En weet ik weer hoe mooi het was""",
        ],
        """Regen, regen, op de Bloemgracht
Spoel mijn verdriet maar weg
Regen, regen, in de donkere nacht
Hoor jij wat ik zeg""",
    ),
    Song(
        "Kees van de Kermis",
        "Mie van de markt",
        [
            """Op de markt daar staat al veertig jaar
Ouwe Mie, met haar kraam vol fruit
Ze roept: kom kijken, dames, kom maar
En haar stem gaat over de hele buurt""",
            """Ze weet van iedereen het verdriet
Wie er ziek is, en wie er trouwt
En heb je geen geld, dan zegt ze: geeft niet
Neem maar mee, voordat het koud wordt""",
        ],
        """Mie van de markt, met je schort en je hoed
Mie van de markt, jij bent voor iedereen goed
Zolang jij daar staat, met je appels en je lach
Is er nog hoop voor ons allemaal, elke dag""",
        label=True,
    ),
    Song(
        "Sjaak Sloepie",
        "De wachter van het licht",
        [
            """Op het eiland staat een toren
Waar een lamp de nacht door draait
Daar woonde een man, zo heb ik gehoord
Die veertig jaar het licht heeft bewaakt""",
            """Hij zag de schepen in de storm
En schreef hun namen in een boek
Zijn vrouw was dood, zijn huis was arm
Maar nooit raakte er een schip zoek""",
        ],
        """Wachter van het licht, wachter van de nacht
Jij hebt op elke boot gewacht
Wachter van het licht, de toren is nu stil
Maar in ons hart brandt jouw lamp, zolang God het wil""",
    ),
    Song(
        "Mientje Brokaat",
        "Ga maar naar je nieuwe lief",
        [
            """Je kwam vannacht weer laat naar huis
Je jas rook naar een vreemde geur
Ik zat alleen, het was zo stil in huis
En jij stond zwijgend bij de deur""",
            """Tien jaar lang heb ik voor je gezorgd
Gewassen, gekookt en gestreken
Maar jij was een klootzak, dat weet ik nu wel
En ik heb genoeg van je smoesjes en streken""",
        ],
        """Ga maar, ga maar naar je nieuwe lief
Ik huil niet meer om jou
Ga maar, ga maar, met je mooie praatjes
Ik ben vanaf vandaag mijn eigen vrouw""",
        label=True,
    ),
    Song(
        "Johnny Kademuur",
        "Het kruisje op het kerkhof",
        [
            """Achter de kerk, bij de oude linde
Staat een kruisje, wit en klein
Daar ligt een meisje dat nooit ouder werd
Ze was maar zeven, en zo fijn""",
            """Haar moeder komt er elke week
Met madeliefjes uit het veld
Ze bidt een weesgegroet, ze is zo bleek
En wat ze voelt, wordt nooit verteld""",
        ],
        """Slaap maar, engeltje, slaap maar zacht
Onder de linde, dag en nacht
Mama komt morgen weer bij jou
Met bloemen en met haar eeuwige trouw""",
    ),
    Song(
        "Tante Door en de Drie Matrozen",
        "Een roosje op moederdag",
        [
            """Toen ik nog klein was, spaarde ik mijn centen
Een hele maand voor moederdag
Ik kocht een roosje bij de bloemenman
En zag haar blije lach""",
            """Ze zette het in een glaasje op de tafel
En keek ernaar de hele week
En toen het eindelijk was verwelkt
Legde ze het in haar kerkboek, dun en bleek""",
            """Nu ligt dat kerkboek hier bij mij
En als ik het open, valt het eruit
Dat roosje, bruin en dun en droog
En ik huil, zonder geluid""",
        ],
        """Een roosje op moederdag
Zo klein, maar zoveel waard
Een roosje op moederdag
Heeft zij haar hele leven bewaard""",
        label=True,
    ),
    Song(
        "De Gebroeders Pekelhaar",
        "De ouwe schipper van de Zuiderzee",
        [
            """De ouwe schipper zit op de bank
Met zijn pijp en zijn pet op één oor
Hij voer op de Zuiderzee, jaren lang
Maar die zee is er niet meer, hoor""",
            """Ze legden een dijk dwars door het water
En de zee werd een meer, zoet en stil
De botters verdwenen, een jaar of wat later
En niemand vroeg wat de schipper wil""",
        ],
        """Zuiderzee, Zuiderzee
Jij nam mijn jeugd en mijn dromen mee
Zuiderzee, Zuiderzee
Ik vaar nog elke nacht met je mee""",
    ),
    Song(
        "Johnny Kademuur",
        "Het liedje van de Palmstraat",
        [
            """In de Palmstraat woonde een meisje
Met vlechten en een schort van bont
Ze zong de hele dag een wijsje
Dat ging de hele buurt rond""",
            """Ik was de zoon van de kolenboer
Met zwarte handen, vol van moed
Ik floot haar liedje, zacht en puur
En zij zei: jongen, dat klinkt goed""",
            """We trouwden in de Westerkerk
Met heel de Palmstraat op het plein
We hadden niet veel, maar het was sterk
Wat wij samen hadden, groot en klein""",
        ],
        """La la la, het liedje van de Palmstraat
La la la, ik zing het nog voor jou
Al is de straat allang niet meer wat hij was
Mijn hart blijft jou altijd trouw""",
        label=True,
    ),
    # Noise: a "song" of two lines, and a row without lyrics.
    Song(
        "Willy Walsvogel",
        "Zonder jou op de Dam",
        [
            """Zonder jou is de Dam zo leeg
Zonder jou is de stad zo stil"""
        ],
    ),
    Song("Sjaak Sloepie", "Afscheid van het Westerdok"),
]


def write_csv(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["artist", "title", "lyrics"])
        for song in SONGS:
            writer.writerow([song.artist, song.title, song.lyrics()])
    return len(SONGS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="CSV file to write")
    args = parser.parse_args(argv)
    n = write_csv(args.out)
    print(f"wrote {args.out}: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())

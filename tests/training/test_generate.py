import json

import pytest

from common.config import ConfigError
from training.generate import (
    SEED_PROMPT,
    GenerateParams,
    PromptSamples,
    bad_word_hits,
    distinct_n,
    dutch_ratio,
    generate_samples,
    generation_metrics,
    repeated_line_ratio,
    words,
    write_samples,
)


def test_words_keep_dutch_contractions():
    assert words("Zo'n Café, 's nachts!") == ["zo'n", "café", "'s", "nachts"]


def test_distinct_n_counts_unique_ngrams_over_all_ngrams():
    texts = ["de zon de zon", "de maan"]
    # unigrams: de zon de zon de maan -> 3 unique of 6
    assert distinct_n(texts, 1) == pytest.approx(3 / 6)
    # bigrams: (de zon) (zon de) (de zon) | (de maan) -> 3 unique of 4; none across texts
    assert distinct_n(texts, 2) == pytest.approx(3 / 4)
    assert distinct_n(["één"], 2) == 0.0


def test_repeated_line_ratio_counts_lines_that_repeat_an_earlier_line_of_the_same_sample():
    looping = "ik mis je zo\nik mis je zo\n\nIk mis je  zo\nwaar ben je"
    fresh = "ik mis je zo\nde regen valt"  # repeats a line of the other sample only
    # looping: 4 lines, 2 repeat the first; fresh: 2 lines, none repeats
    assert repeated_line_ratio([looping, fresh]) == pytest.approx(2 / 6)
    assert repeated_line_ratio([]) == 0.0


def test_dutch_ratio_is_the_share_detected_as_dutch():
    texts = [
        "De regen valt op het plein en ik drink mijn laatste glas wijn in de kroeg.",
        "The rain falls on the square and I drink my last glass of wine in the pub.",
        "1234 !!!",
    ]
    assert dutch_ratio(texts) == pytest.approx(1 / 3)
    assert dutch_ratio(texts) == dutch_ratio(texts)  # seeded


def test_bad_word_hits_counts_samples_the_finder_matches():
    def find(text):
        return "kut" if "kut" in text.split() else None

    assert bad_word_hits(["wat een kut dag", "een mooie dag", "kut"], find) == 2


def test_metrics_use_the_project_bad_word_filter():
    from filters.bad_words import BadWords

    results = [PromptSamples("p", ["wat een fuck dag", "de zon schijnt"], [5, 3])]
    metrics = generation_metrics(results, BadWords().find)
    assert metrics["bad_word_hits"] == 1
    assert metrics["mean_tokens"] == 4.0
    assert metrics["samples"] == 2
    assert set(metrics) >= {
        "distinct_1",
        "distinct_2",
        "repeated_line_ratio",
        "dutch_ratio",
        "bad_word_hits",
        "mean_tokens",
    }


def test_the_seed_prompt_is_a_default():
    assert SEED_PROMPT in GenerateParams().prompts
    assert SEED_PROMPT == "ferry is een grappige man\nsmartlappen maken is zijn plan"


def test_sampling_from_the_trained_model_is_seeded_and_written_per_prompt(trained, tmp_path):
    model_dir, _, _ = trained
    params = GenerateParams(
        prompts=[SEED_PROMPT, "de regen valt\n"], samples_per_prompt=2, max_new_tokens=8
    )
    results = generate_samples(params, model_dir)
    assert [r.prompt for r in results] == params.prompts
    assert all(len(r.continuations) == 2 and max(r.new_tokens) <= 8 for r in results)
    again = generate_samples(params, model_dir)
    assert [r.continuations for r in again] == [r.continuations for r in results]

    paths = write_samples(results, tmp_path)
    assert [p.name for p in paths] == [
        "01-ferry-is-een-grappige-man-smartlappen-ma.txt",
        "02-de-regen-valt.txt",
    ]
    assert SEED_PROMPT + results[0].continuations[0] in paths[0].read_text()
    assert json.loads((tmp_path / "samples.json").read_text())[1]["prompt"] == "de regen valt\n"


def test_a_prompt_that_does_not_fit_the_model_is_refused(trained):
    model_dir, _, _ = trained
    with pytest.raises(ConfigError, match="lower generate.max_new_tokens"):
        generate_samples(GenerateParams(max_new_tokens=200), model_dir)

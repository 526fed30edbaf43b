"""One thin module per DVC stage: parse arguments, load params, call the library, write."""

"""`python -m generator` runs the milepost command line."""

from generator.cli import main

# Guarded: a worker process started by multiprocessing (forkserver, spawn) imports this
# module again as __mp_main__, and must not run the command line a second time.
if __name__ == "__main__":
    main()

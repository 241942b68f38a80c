"""`python -m generator` runs the milepost command line."""

from generator.cli import main

main()

"""`python -m generator` runs the aawgen command line."""

from generator.cli import main

main()

from os2org.cli import main

main()

"""The web chat. `python app.py [--port 7860] [--host 127.0.0.1] [--index DIR]` is `qa serve`.

Binds 127.0.0.1 (this machine only) unless told otherwise. With an empty index it first indexes the
project's synthetic sample reports, so a fresh install answers something straight away.
"""
import sys

from qa.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))

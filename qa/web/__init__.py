"""The Gradio web app: chat with scope filters and cited pages, and the user's report library.

Importing this package turns off what Gradio and the Hugging Face libraries would otherwise fetch from the
internet (usage analytics, version checks, hub look-ups), whatever the environment says: the app runs on
government intranets, and nothing may leave the machine. It must happen before gradio is imported, hence here.
"""
from __future__ import annotations

import os

for _name, _value in {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_UPDATE_CHECK": "1",
}.items():
    os.environ[_name] = _value

from .chat import Turn, ask_turn  # noqa: E402
from .layout import CSS, build_app, launch, launch_options  # noqa: E402
from .library import Library, ensure_sample_index, sample_settings  # noqa: E402

__all__ = ["CSS", "Library", "Turn", "ask_turn", "build_app", "ensure_sample_index", "launch", "launch_options",
           "sample_settings"]

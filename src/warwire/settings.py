"""Defaults from the commented settings.cfg shipped beside this module."""

from __future__ import annotations

import configparser
import functools
from pathlib import Path


@functools.lru_cache(maxsize=1)
def settings() -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    parser.read(Path(__file__).with_name("settings.cfg"), encoding="utf-8")
    return parser


def get_int(section: str, key: str) -> int:
    return settings().getint(section, key)


def get_float(section: str, key: str) -> float:
    return settings().getfloat(section, key)


def get_list(section: str, key: str) -> list[str]:
    return settings().get(section, key).split()

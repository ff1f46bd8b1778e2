# SPDX-License-Identifier: EUPL-1.2
"""The deadline tests' world of a case with a huisverbod, shared."""

from tests.deadlines.conftest import world  # noqa: F401 - a fixture

# SPDX-License-Identifier: EUPL-1.2
"""The OpenAPI document: every operation also documents its problem+json answers and the
API-Version header, so a client (and schemathesis) can check every response against it."""

from drf_spectacular.openapi import AutoSchema

PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}
VERSION_HEADER = {
    "API-Version": {
        "description": "De versie van de API die antwoordde (semver).",
        "schema": {"type": "string"},
    }
}


def _problem(description: str) -> dict:
    return {
        "description": description,
        "headers": VERSION_HEADER,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


class ProblemAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for response in responses.values():
            response.setdefault("headers", {}).update(VERSION_HEADER)
        codes = {"401": "Geen geldig token", "403": "Geen toestemming", "429": "Te veel verzoeken"}
        codes["404"] = "Niet gevonden (of niet zichtbaar voor uw organisatie)"
        codes["400"] = "Ongeldige invoer"
        if self.method in ("POST", "PATCH", "PUT"):
            codes["409"] = "Conflict"
            codes["415"] = "Mediatype niet ondersteund"
        codes["406"] = "Niet aanvaardbaar"
        for code, description in codes.items():
            responses.setdefault(code, _problem(description))
        return responses


def add_problem_component(result, generator, request, public):
    """Postprocessing hook: the shared Problem schema."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    return result

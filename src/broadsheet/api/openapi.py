"""The API's OpenAPI 3.1 document: the contract the views keep (schemathesis checks them against it)."""

from __future__ import annotations

from typing import Any

NULLABLE_STRING = {"type": ["string", "null"]}
TIME = {"type": ["string", "null"], "format": "date-time"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _obj(properties: dict[str, Any], *, required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


SCHEMAS: dict[str, Any] = {
    "Error": _obj({"error": {"type": "string"}}),
    "Section": _obj({"slug": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string"}}),
    "Tag": _obj({"slug": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string"}}),
    "Author": _obj(
        {"slug": {"type": "string"}, "name": {"type": "string"}, "role": {"type": "string"}, "url": {"type": "string"}}
    ),
    "Byline": _obj({"name": {"type": "string"}, "author": NULLABLE_STRING}),
    "Rendition": _obj({"url": {"type": "string"}, "width": {"type": "integer"}, "format": {"enum": ["webp", "jpeg"]}}),
    "Image": _obj(
        {
            "url": {"type": "string"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "alt": {"type": "string"},
            "caption": {"type": "string"},
            "credit": {"type": "string"},
            "renditions": {"type": "array", "items": _ref("Rendition")},
        }
    ),
    "Correction": _obj(
        {"kind": {"enum": ["correction", "clarification", "update"]}, "text": {"type": "string"}, "published_at": TIME}
    ),
    "ArticleSummary": _obj(
        {
            "id": {"type": "integer"},
            "url": {"type": "string"},
            "headline": {"type": "string"},
            "kicker": {"type": "string"},
            "dek": {"type": "string"},
            "section": _ref("Section"),
            "bylines": {"type": "array", "items": _ref("Byline")},
            "tags": {"type": "array", "items": _ref("Tag")},
            "published_at": TIME,
            "updated_at": TIME,
            "lead_image": {"oneOf": [_ref("Image"), {"type": "null"}]},
        }
    ),
    "Comment": _obj(
        {
            "id": {"type": "integer"},
            "author_name": {"type": "string"},
            "body": {"type": "string", "description": "Safe HTML rendered from the reader's plain text."},
            "is_removed": {"type": "boolean"},
            "created_at": TIME,
        }
    ),
    "DraftState": _obj(
        {
            "id": {"type": "integer"},
            "headline": {"type": "string"},
            "status": {"enum": ["draft", "in_review", "ready", "scheduled", "published", "withdrawn"]},
            "published_at": TIME,
            "embargo_until": TIME,
        }
    ),
}
SCHEMAS["Article"] = {
    **SCHEMAS["ArticleSummary"],
    "properties": {
        **SCHEMAS["ArticleSummary"]["properties"],
        "dateline": {"type": "string"},
        "body": {"type": "string", "description": "The story's HTML, already sanitised to a small allowlist."},
        "corrections": {"type": "array", "items": _ref("Correction")},
    },
    "required": [*SCHEMAS["ArticleSummary"]["required"], "dateline", "body", "corrections"],
}
SCHEMAS["ThreadEntry"] = _obj(
    {**SCHEMAS["Comment"]["properties"], "replies": {"type": "array", "items": _ref("Comment")}}
)
SCHEMAS["CommentThread"] = _obj(
    {
        "count": {"type": "integer"},
        "comments": {"type": "array", "items": _ref("ThreadEntry")},
    }
)
# Times: ISO 8601 with a zone, years 1900-2999 (the date-time format alone would allow year 1).
TIME_IN = {"type": "string", "format": "date-time", "pattern": "^(19|2[0-9])[0-9]{2}-"}
WORDY = "[A-Za-z0-9]"  # a headline, credit or tag needs at least one letter or digit


def new_draft(sections: list[str]) -> dict[str, Any]:
    section: dict[str, Any] = {"type": "string", "description": "A section's slug (see GET /sections/)."}
    if sections:
        section["enum"] = sections
    return _obj(
        {
            "headline": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": WORDY},
            "section": section,
            "body": {"type": "string", "maxLength": 500_000, "description": "HTML; sanitised on the way in."},
            "bylines": {
                "type": "array",
                "maxItems": 10,
                "items": {"type": "string", "maxLength": 120, "pattern": WORDY},
                "description": "People, or an agency credit such as “Agency Staff”.",
            },
            "dateline": {"type": "string", "maxLength": 80},
            "dek": {"type": "string", "maxLength": 400},
            "published_at": {**TIME_IN, "description": "When the source published it."},
            "embargo_until": {**TIME_IN, "description": "Not public before this time, whatever happens."},
            "tags": {"type": "array", "maxItems": 20, "items": {"type": "string", "maxLength": 80, "pattern": WORDY}},
            "lead_image": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1, "description": "POST /images/ id."},
            "external_id": {
                "type": "string",
                "minLength": 1,
                "maxLength": 200,
                "description": "Your id for the story: sending it again returns the draft made the first time.",
            },
        },
        required=["headline", "section"],
    )


ERRORS = {
    "400": _json(_ref("Error"), "A parameter or field is wrong; the message names it."),
    "405": _json(_ref("Error"), "The method is not allowed here."),
}
NOT_FOUND = {"404": _json(_ref("Error"), "No public story with this id.")}
WRITE_ERRORS = {
    **ERRORS,
    "401": _json(_ref("Error"), "No valid token was sent."),
    "403": _json(_ref("Error"), "The token lacks the scope this needs."),
    "422": _json(_ref("Error"), "The newsroom's rules refused it (embargo, missing byline, bad image…)."),
}
CACHED = "Public and cacheable: Cache-Control, an ETag (send If-None-Match for a 304) and Surrogate-Key headers."


def _query(name: str, description: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": {"type": "string", **schema}}  # fmt: skip


SLUG = {"pattern": "^[-a-zA-Z0-9_]{1,200}$"}
DAY = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}}
BEARER: list[dict[str, list[str]]] = [{"token": []}]


def document(server: str, *, sections: list[str]) -> dict[str, Any]:
    """Return the OpenAPI 3.1 description of the API served at `server`."""
    get_list = {"tags": ["read"], "security": []}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Broadsheet content API",
            "version": "1.0.0",
            "description": "Every published story, with its sections, tags, authors and comments, as JSON; "
            "and a write API for agencies and partner systems. " + CACHED,
        },
        "servers": [{"url": server}],
        "components": {
            "schemas": {**SCHEMAS, "NewDraft": new_draft(sections)},
            "securitySchemes": {
                "token": {"type": "http", "scheme": "bearer", "description": "A token made in the newsroom."}
            },
        },
        "paths": {
            "/articles/": {
                "get": {
                    **get_list,
                    "operationId": "listArticles",
                    "summary": "Public stories, newest first (or by relevance with q)",
                    "parameters": [
                        _query("section", "A section's slug.", **SLUG),
                        _query("tag", "A tag's slug.", **SLUG),
                        _query("author", "An author's slug.", **SLUG),
                        _query(
                            "from",
                            "Published on or after this day (the paper's time zone).",
                            format="date",
                            pattern=DAY,
                        ),
                        _query("to", "Published on or before this day.", format="date", pattern=DAY),
                        _query("q", 'Full-text search: words, "phrases", -left-out; ranked, 20 a page.', maxLength=200),
                        _query("cursor", "The `next` cursor of the previous page.", pattern="^[A-Za-z0-9_-]{1,300}$"),
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "description": "Stories a page (20).",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                        },
                    ],
                    "responses": {
                        "200": _json(
                            _obj(
                                {
                                    "articles": {"type": "array", "items": _ref("ArticleSummary")},
                                    "next": {**NULLABLE_STRING, "description": "The next page's address."},
                                }
                            ),
                            CACHED,
                        ),
                        **ERRORS,
                        "404": _json(_ref("Error"), "No section, tag or author with that slug, or an unknown cursor."),
                    },
                }
            },
            "/articles/{id}/": {
                "get": {
                    **get_list,
                    "operationId": "getArticle",
                    "summary": "One public story with its body, dateline, images and corrections",
                    "parameters": [ID],
                    "responses": {"200": _json(_ref("Article"), CACHED), **ERRORS, **NOT_FOUND},
                }
            },
            "/articles/{id}/comments/": {
                "get": {
                    **get_list,
                    "operationId": "getComments",
                    "summary": "A public story's comments, oldest first, each with its replies",
                    "parameters": [ID],
                    "responses": {"200": _json(_ref("CommentThread"), CACHED), **ERRORS, **NOT_FOUND},
                }
            },
            **{
                f"/{kind}/": {
                    "get": {
                        **get_list,
                        "operationId": f"list{kind.capitalize()}",
                        "summary": f"{kind.capitalize()} with public stories",
                        "responses": {
                            "200": _json(
                                _obj({kind: {"type": "array", "items": _ref(kind[:-1].capitalize())}}), CACHED
                            ),
                            **ERRORS,
                        },
                    }
                }
                for kind in ("sections", "tags", "authors")
            },
            "/drafts/": {
                "post": {
                    "tags": ["write"],
                    "operationId": "createDraft",
                    "summary": "Create a draft for the newsroom to review (scope: drafts)",
                    "security": BEARER,
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("NewDraft")}}},
                    "responses": {
                        "201": _json(_ref("DraftState"), "The draft was made."),
                        "200": _json(_ref("DraftState"), "This external_id was sent before: that draft."),
                        "404": _json(_ref("Error"), "No section or image with that slug or id."),
                        "409": _json(_ref("Error"), "The story made for this external_id was deleted."),
                        **WRITE_ERRORS,
                    },
                }
            },
            "/images/": {
                "post": {
                    "tags": ["write"],
                    "operationId": "uploadImage",
                    "summary": "Upload a picture to the media library (scope: images)",
                    "security": BEARER,
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "file": {"type": "string", "contentMediaType": "application/octet-stream"},
                                        "alt_text": {"type": "string", "minLength": 1},
                                        "caption": {"type": "string"},
                                        "credit": {"type": "string"},
                                    },
                                    "required": ["file", "alt_text"],
                                }
                            }
                        },
                    },
                    "responses": {
                        "201": _json(
                            _obj(
                                {
                                    "id": {"type": "integer"},
                                    "url": {"type": "string"},
                                    "width": {"type": "integer"},
                                    "height": {"type": "integer"},
                                }
                            ),
                            "The image is in the library.",
                        ),
                        **WRITE_ERRORS,
                    },
                }
            },
            "/articles/{id}/publish/": {
                "post": {
                    "tags": ["write"],
                    "operationId": "publishArticle",
                    "summary": "Publish, or schedule with a future `at`, a story this token created (scope: publish)",
                    "security": BEARER,
                    "parameters": [ID],
                    "requestBody": {
                        "required": False,
                        "content": {"application/json": {"schema": _obj({"at": TIME_IN}, required=[])}},
                    },
                    "responses": {
                        "200": _json(_ref("DraftState"), "Published, or scheduled."),
                        "404": _json(_ref("Error"), "This token created no story with this id."),
                        **WRITE_ERRORS,
                    },
                }
            },
        },
    }

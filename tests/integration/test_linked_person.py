"""People linked to Home Assistant's persons: the flow, voice, actions and the card's switch."""

from __future__ import annotations

from typing import Any

from homeassistant.auth.models import User
from homeassistant.components import conversation
from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import Context, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr, intent
from homeassistant.helpers.translation import async_get_translations
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.intent import INTENT_PAUSE

from .conftest import AddPerson, person_entry

WALKING = {"weight": 70, "surface": "indoor_hallway"}


@pytest.fixture
async def users(hass: HomeAssistant) -> dict[str, User]:
    """Two users, each with a Home Assistant person, plus a person with no user."""
    made = {
        name: await hass.auth.async_create_user(name.title())
        for name in ("alex", "sam")
    }
    persons = [
        {"id": name, "name": user.name, "user_id": user.id}
        for name, user in made.items()
    ] + [{"id": "guest", "name": "Guest"}]
    assert await async_setup_component(hass, "person", {"person": persons})
    await hass.async_block_till_done()
    return made


async def add_linked(
    hass: HomeAssistant, name: str, person: str | None
) -> MockConfigEntry:
    """Add and set up a retrowalk person, linked to ``person`` when given."""
    entry = person_entry(name, data={"linked_person": person} if person else None)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def start_flow(hass: HomeAssistant, person: dict[str, Any]) -> dict[str, Any]:
    """Fill the person step of a new flow."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    return await hass.config_entries.flow.async_configure(result["flow_id"], person)


async def taken_text(hass: HomeAssistant, result: dict[str, Any]) -> str:
    """The English refusal as the form shows it, with the form's placeholders."""
    texts = await async_get_translations(hass, "en", "config", [DOMAIN])
    template = texts[f"component.{DOMAIN}.config.error.linked_person_taken"]
    return str(template.format(**result["description_placeholders"]))


@pytest.mark.usefixtures("users")
async def test_flow_links_and_refuses(hass: HomeAssistant) -> None:
    """The link is stored; an unknown person or one linked already is refused."""
    result = await start_flow(hass, {"name": "Alex", "linked_person": "person.alex"})
    assert result["step_id"] == "walking"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], WALKING)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"]["linked_person"] == "person.alex"
    await hass.async_block_till_done()

    result = await start_flow(hass, {"name": "Sam", "linked_person": "person.alex"})
    assert result["errors"] == {"linked_person": "linked_person_taken"}
    assert await taken_text(hass, result) == (
        "Alex is already linked to this Home Assistant person. "
        "Remove the link in Alex's details first, or choose another person."
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Sam", "linked_person": "person.nobody"}
    )
    assert result["errors"] == {"linked_person": "unknown_linked_person"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Sam", "linked_person": "person.sam"}
    )
    assert result["step_id"] == "walking"


@pytest.mark.usefixtures("users")
async def test_reconfigure_links_keeps_and_clears(hass: HomeAssistant) -> None:
    """Reconfigure links, keeps its own link, refuses another's, and can clear it."""
    alex = await add_linked(hass, "Alex", "person.alex")
    sam = await add_linked(hass, "Sam", None)

    result = await sam.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"level": "regular", "linked_person": "person.alex"}
    )
    assert result["errors"] == {"linked_person": "linked_person_taken"}
    assert (await taken_text(hass, result)).startswith("Alex is already linked")
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"level": "regular", "linked_person": "person.sam"}
    )
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert sam.runtime_data.settings.linked_person == "person.sam"
    switch = hass.states.get("switch.sam_session")
    assert switch is not None
    assert switch.attributes["linked_person"] == "person.sam"

    # Its own link is no conflict; leaving the field empty removes it.
    result = await alex.start_reconfigure_flow(hass)
    suggested = {
        str(key): (key.description or {}).get("suggested_value")
        for key in result["data_schema"].schema
    }
    assert suggested["linked_person"] == "person.alex"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"level": "regular", "linked_person": "person.alex"}
    )
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert alex.runtime_data.settings.linked_person == "person.alex"
    result = await alex.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"level": "regular"}
    )
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert "linked_person" not in alex.data
    switch = hass.states.get("switch.alex_session")
    assert switch is not None
    assert switch.attributes["linked_person"] is None


async def start(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Start the person's next session."""
    await hass.services.async_call(
        DOMAIN, "start_session", {"config_entry_id": entry.entry_id}, blocking=True
    )


async def test_voice_means_the_linked_person(
    hass: HomeAssistant, users: dict[str, User]
) -> None:
    """With both walking, Sam's 'pause' pauses Sam; an unlinked user is asked back."""
    for component in ("homeassistant", "conversation", "intent"):
        assert await async_setup_component(hass, component, {})
    alex = await add_linked(hass, "Alex", "person.alex")
    sam = await add_linked(hass, "Sam", "person.sam")
    await start(hass, alex)
    await start(hass, sam)

    result = await conversation.async_converse(
        hass, "pause my walk", None, Context(user_id=users["sam"].id), language="en"
    )
    await hass.async_block_till_done()
    assert result.response.response_type is intent.IntentResponseType.ACTION_DONE
    assert sam.runtime_data.controller.paused
    assert not alex.runtime_data.controller.paused

    # "me" means the speaker too.
    response = await intent.async_handle(
        hass,
        "test",
        INTENT_PAUSE,
        {"person": {"value": "me"}},
        context=Context(user_id=users["alex"].id),
        language="en",
    )
    assert response.response_type is intent.IntentResponseType.ACTION_DONE
    assert alex.runtime_data.controller.paused

    # A user who is nobody here, or no user at all: which person?
    for context in (Context(user_id="someone-else"), Context()):
        result = await conversation.async_converse(
            hass, "resume my walk", None, context, language="en"
        )
        speech = result.response.speech["plain"]["speech"]
        assert "Alex" in speech
        assert "Sam" in speech
    assert alex.runtime_data.controller.paused
    assert sam.runtime_data.controller.paused


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "pause the walk"),
        ("de", "pausiere den Spaziergang"),
        ("fr", "mets la marche en pause"),
        ("es", "pausa la caminata"),
        ("nl", "pauzeer de wandeling"),
    ],
)
async def test_linked_person_in_every_language(
    hass: HomeAssistant, users: dict[str, User], language: str, text: str
) -> None:
    """In each language, a request with no name pauses the speaker's own session."""
    for component in ("homeassistant", "conversation", "intent"):
        assert await async_setup_component(hass, component, {})
    alex = await add_linked(hass, "Alex", "person.alex")
    sam = await add_linked(hass, "Sam", "person.sam")
    await start(hass, alex)
    await start(hass, sam)
    await conversation.async_converse(
        hass, text, None, Context(user_id=users["sam"].id), language=language
    )
    await hass.async_block_till_done()
    assert sam.runtime_data.controller.paused
    assert not alex.runtime_data.controller.paused


async def test_voice_follows_a_user_moved_to_another_person(
    hass: HomeAssistant, users: dict[str, User]
) -> None:
    """The user is read from the person entity at each request, not at setup."""
    alex = await add_linked(hass, "Alex", "person.alex")
    sam = await add_linked(hass, "Sam", "person.guest")
    await start(hass, alex)
    await start(hass, sam)
    context = Context(user_id=users["sam"].id)
    ask = {"person": {"value": "me"}}
    response = await intent.async_handle(
        hass, "test", INTENT_PAUSE, {}, context=context, language="en"
    )
    assert response.error_code is intent.IntentResponseErrorCode.NO_VALID_TARGETS
    assert not sam.runtime_data.controller.paused
    guest = hass.states.get("person.guest")
    assert guest is not None
    hass.states.async_set(
        "person.guest", guest.state, {**guest.attributes, "user_id": users["sam"].id}
    )
    response = await intent.async_handle(
        hass, "test", INTENT_PAUSE, ask, context=context, language="en"
    )
    assert response.response_type is intent.IntentResponseType.ACTION_DONE
    assert sam.runtime_data.controller.paused
    assert not alex.runtime_data.controller.paused


def device_of(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """The person's device id."""
    devices = dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
    assert len(devices) == 1
    return devices[0].id


async def test_actions_take_the_device_or_the_user(
    hass: HomeAssistant, users: dict[str, User]
) -> None:
    """A device instead of the entry; with neither, the calling user's person."""
    alex = await add_linked(hass, "Alex", "person.alex")
    sam = await add_linked(hass, "Sam", None)

    await hass.services.async_call(
        DOMAIN, "start_session", {"device_id": device_of(hass, sam)}, blocking=True
    )
    assert sam.runtime_data.controller.running
    # A device target arrives as a list of one.
    await hass.services.async_call(
        DOMAIN, "pause_session", {"device_id": [device_of(hass, sam)]}, blocking=True
    )
    assert sam.runtime_data.controller.paused
    # Entry and device of the same person agree.
    await hass.services.async_call(
        DOMAIN,
        "resume_session",
        {"device_id": device_of(hass, sam), "config_entry_id": sam.entry_id},
        blocking=True,
    )
    assert not sam.runtime_data.controller.paused

    # Alex's user starts without naming anyone: Alex.
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {},
        blocking=True,
        context=Context(user_id=users["alex"].id),
    )
    assert alex.runtime_data.controller.running


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"device_id": "no-such-device"}, "unknown_device"),
        ({"device_id": []}, "one_device"),
        ({"device_id": ["a", "b"]}, "one_device"),
        ({}, "person_required"),
        ({"device_id": "SAM", "config_entry_id": "ALEX"}, "person_mismatch"),
        ({"device_id": "OTHER"}, "unknown_device"),
    ],
)
async def test_device_refusals(
    hass: HomeAssistant, users: dict[str, User], fields: dict[str, Any], key: str
) -> None:
    """Unknown, several or disagreeing targets are refused; nothing starts."""
    alex = await add_linked(hass, "Alex", "person.alex")
    sam = await add_linked(hass, "Sam", None)
    other = MockConfigEntry(domain="other")
    other.add_to_hass(hass)
    other_device = dr.async_get(hass).async_get_or_create(
        config_entry_id=other.entry_id, identifiers={("other", "x")}
    )
    names = {
        "SAM": device_of(hass, sam),
        "ALEX": alex.entry_id,
        "OTHER": other_device.id,
    }
    data = {
        field: names.get(value, value) if isinstance(value, str) else value
        for field, value in fields.items()
    }
    with pytest.raises(ServiceValidationError) as refused:
        await hass.services.async_call(
            DOMAIN,
            "start_session",
            data,
            blocking=True,
            context=Context(user_id=users["sam"].id),
        )
    assert refused.value.translation_key == key
    assert not alex.runtime_data.controller.running
    assert not sam.runtime_data.controller.running


async def test_export_takes_the_device(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """The export actions share the person fields: a device works there too."""
    alex = await add_person()
    result = await hass.services.async_call(
        DOMAIN,
        "export_history",
        {"device_id": device_of(hass, alex)},
        blocking=True,
        return_response=True,
    )
    assert result is not None
    assert str(result["path"]).endswith(".csv")

"""The check-in form (issue 16): each slider is named by its label and honest — "not set" until
the person moves it, and then only the moved ones are sent — and "Saved." goes away as soon as
the form is used again."""

from playwright.sync_api import expect

from browser.phones import eventually


def test_sliders_are_named_and_not_set_until_moved(couple):
    ana, _ben = couple()
    page = ana.open("/today")
    page.get_by_role("button", name="Add trust, safety, connection or a note").click()
    for name in ["Trust", "Safety", "Connection"]:
        expect(page.get_by_role("slider", name=name)).to_have_attribute("aria-valuetext", "not set")
    page.get_by_label("Trust").focus()  # the label names the slider, not the figure beside it
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("slider", name="Trust")).to_have_attribute("aria-valuetext",
                                                                       "6 of 10")
    expect(page.get_by_role("slider", name="Safety")).to_have_attribute("aria-valuetext",
                                                                        "not set")
    page.get_by_role("button", name="Save check-in").click()
    saved = eventually(lambda: ana.json("GET", "/api/checkins?author=me")["items"],
                       message="the check-in never reached the server")
    assert [(c["trust"], c["safety"], c["connection"]) for c in saved] == [(6, None, None)]


def test_the_saved_notice_goes_when_the_form_is_used_again(couple):
    ana, _ben = couple()
    page = ana.open("/today")
    form = page.get_by_role("form", name="How are you, right now?")
    form.get_by_role("button", name="hope", exact=True).click()
    form.get_by_role("button", name="Save check-in").click()
    expect(form.get_by_role("status")).to_have_text("Saved. Ben will see it.")
    form.get_by_role("button", name="calm", exact=True).click()
    expect(form.get_by_role("status")).to_have_text("")

"""deploy/ and the guide cannot drift apart: every file the guide quotes is quoted word for
word, every deploy file is quoted, and the environment template names every setting the app
reads from the environment (and no other)."""

import re

import deployment

GUIDE = deployment.ROOT / "docs" / "deploy.md"
QUOTE = re.compile(r"<!-- quote: (\S+) -->\n```[a-z]*\n(.*?)```\n", re.DOTALL)


def test_the_guide_quotes_every_deploy_file_word_for_word():
    quoted = dict(QUOTE.findall(GUIDE.read_text()))
    for path, text in quoted.items():
        assert text == (deployment.ROOT / path).read_text(), f"docs/deploy.md quotes {path}"
    files = {f"deploy/{p.name}" for p in deployment.DEPLOY.iterdir()}
    # The template is long and documents itself; the guide sends the reader to it.
    assert files - set(quoted) == {"deploy/kintsugi.env.example"}
    assert "Procfile" in quoted


def settings_read_from_the_environment() -> set[str]:
    source = (deployment.ROOT / "server" / "config.py").read_text()
    names = set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source))
    names |= set(re.findall(r'_env_setting\("([A-Z_]+)"', source))
    knobs = source.split("for name, default in {", 1)[1].split("}.items()", 1)[0]
    names |= set(re.findall(r'^\s+"([A-Z_]+)":', knobs, re.MULTILINE))
    return names


def test_the_environment_template_names_every_setting():
    template = deployment.environment_template()
    expected = settings_read_from_the_environment() | {"WEB_CONCURRENCY"}  # gunicorn's own
    assert {"SECRET_KEY", "DATABASE_URL", "RATELIMIT_STORAGE_URI", "VAPID_PRIVATE_KEY",
            "VAPID_SUBJECT", "PUBLIC_URL", "TRUSTED_PROXY_HOPS"} <= expected
    assert set(template) == expected
    assert template["SECRET_KEY"] == "", "the template must not ship a secret"

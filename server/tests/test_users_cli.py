"""User accounts from outside the API, on both stores: `vitrine user create` (password from
stdin or a file, every input checked) and the first admin created at start from
VITRINE_BOOTSTRAP_ADMIN_EMAIL / VITRINE_BOOTSTRAP_ADMIN_PASSWORD."""
import pathlib

from conftest import run_cli

PASSWORD = "correct horse battery staple"


def create(db, workdir, *args, stdin=PASSWORD + "\n"):
    return run_cli("user", "create", *args, env={"VITRINE_DATABASE_URL": db.url}, cwd=workdir,
                   stdin=stdin)


def test_creates_a_user_with_an_argon2id_hash(db, workdir):
    out = create(db, workdir, "--email", "Ada@Example.com", "--role", "admin", "--name", "Ada L.")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("created admin Ada@Example.com (id ")
    row = db.sql("SELECT email, email_key, display_name, role, disabled, mfa_enabled, version, "
                 "password_hash FROM users")
    email, key, name, role, disabled, mfa, version, hashed = row.split("|")
    assert (email, key, name, role, disabled, mfa, version) == (
        "Ada@Example.com", "ada@example.com", "Ada L.", "admin", "0", "0", "1")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=2,p=1$")
    assert PASSWORD not in hashed and PASSWORD not in out.stdout + out.stderr


def test_display_name_defaults_to_the_local_part(db, workdir):
    assert create(db, workdir, "--email", "grace@example.com", "--role", "viewer").returncode == 0
    assert db.sql("SELECT display_name, role FROM users") == "grace|viewer"


def test_an_email_is_taken_whatever_its_case(db, workdir):
    assert create(db, workdir, "--email", "ada@example.com", "--role", "editor").returncode == 0
    out = create(db, workdir, "--email", "ADA@example.COM", "--role", "viewer")
    assert out.returncode == 1
    assert "a user with the email ADA@example.COM exists already" in out.stderr
    assert db.sql("SELECT COUNT(*) FROM users") == "1"


def test_weak_common_and_empty_passwords_are_refused(db, workdir):
    cases = {"short pw\n": "fewer than 12 characters",
             "Qwerty123456\n": "10,000 most common passwords",
             "": "fewer than 12 characters"}
    for stdin, message in cases.items():
        out = create(db, workdir, "--email", "x@example.com", "--role", "editor", stdin=stdin)
        assert out.returncode == 2, (stdin, out.stdout)
        assert "password: " in out.stderr and message in out.stderr, out.stderr
    # Nothing of the refused attempts was written: the address is still free.
    assert create(db, workdir, "--email", "x@example.com", "--role", "editor").returncode == 0
    assert db.sql("SELECT COUNT(*) FROM users") == "1"


def test_every_invalid_field_is_named_at_once(db, workdir):
    out = create(db, workdir, "--email", "not-an-email", "--role", "editor", "--name", " pad",
                 stdin="password\n")
    assert out.returncode == 2
    for field in ("email: must be an email address", "display_name: must be 1 to 100",
                  "password: "):
        assert field in out.stderr, out.stderr


def test_unknown_role_names_the_accepted_ones(db, workdir):
    out = create(db, workdir, "--email", "x@example.com", "--role", "owner")
    assert out.returncode == 2
    assert "--role 'owner' is not a role; expected admin, editor or viewer" in out.stderr


def test_password_from_a_file_first_line_only(db, workdir):
    secret = pathlib.Path(workdir) / "pw"
    secret.write_text(PASSWORD + "\nsecond line is ignored\n")
    out = create(db, workdir, "--email", "f@example.com", "--role", "editor",
                 "--password-file", str(secret), stdin="")
    assert out.returncode == 0, out.stderr
    missing = create(db, workdir, "--email", "g@example.com", "--role", "editor",
                     "--password-file", str(secret) + ".missing")
    assert missing.returncode == 2 and "cannot be read" in missing.stderr


def test_bootstrap_admin_is_created_once_on_the_first_start(start, db):
    env = {"VITRINE_DATABASE_URL": db.url, "VITRINE_BOOTSTRAP_ADMIN_EMAIL": "root@example.com",
           "VITRINE_BOOTSTRAP_ADMIN_PASSWORD": PASSWORD}
    first = start(env=env)
    entry = first.wait_log("bootstrap admin created")
    assert entry["event"] == "user.bootstrap"
    assert entry["user_id"] == db.sql("SELECT id FROM users WHERE role = 'admin'")
    logged = "\n".join(first.lines)
    assert PASSWORD not in logged and "root@example.com" not in logged
    first.stop()
    second = start(env=env)
    second.wait_log("listening")
    assert second.find_log("bootstrap admin created") is None
    assert db.sql("SELECT email, role FROM users") == "root@example.com|admin"


def test_bootstrap_admin_is_skipped_when_users_exist(start, db, workdir):
    assert create(db, workdir, "--email", "owner@example.com", "--role", "admin").returncode == 0
    server = start(env={"VITRINE_DATABASE_URL": db.url,
                        "VITRINE_BOOTSTRAP_ADMIN_EMAIL": "root@example.com",
                        "VITRINE_BOOTSTRAP_ADMIN_PASSWORD": PASSWORD})
    server.wait_log("listening")
    assert db.sql("SELECT email FROM users") == "owner@example.com"


def test_bootstrap_settings_are_checked_with_the_configuration(workdir):
    cases = [
        ({"VITRINE_BOOTSTRAP_ADMIN_EMAIL": "root@example.com"}, "set VITRINE_BOOTSTRAP_ADMIN_EMAIL"
         " and VITRINE_BOOTSTRAP_ADMIN_PASSWORD together"),
        ({"VITRINE_BOOTSTRAP_ADMIN_EMAIL": "root", "VITRINE_BOOTSTRAP_ADMIN_PASSWORD": PASSWORD},
         "not an email address"),
        ({"VITRINE_BOOTSTRAP_ADMIN_EMAIL": "root@example.com",
          "VITRINE_BOOTSTRAP_ADMIN_PASSWORD": "qwerty123456"}, "10,000 most common"),
    ]
    for env, message in cases:
        out = run_cli("config", "check", env=env, cwd=workdir)
        assert out.returncode == 2, env
        assert message in out.stderr, out.stderr
        assert "qwerty123456" not in out.stderr  # a secret is masked even when refused

// Account use cases (guide §2) over the in-memory storage and a manual clock.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "app/account_service.h"
#include "storage/memory_storage.h"

using namespace alin;

namespace {

// Cheapest Argon2id settings, counting calls (timing-safety checks).
class CountingHasher final : public PasswordHasher {
public:
    std::string hash(const std::string& password) override {
        ++hashes;
        return inner.hash(password);
    }
    bool verify(const std::string& encoded, const std::string& password) override {
        ++verifies;
        return inner.verify(encoded, password);
    }
    SodiumPasswordHasher inner{1, 8 * 1024};
    int hashes = 0;
    int verifies = 0;
};

struct Fixture {
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock{1'750'000'000};
    OutboxTransport mail{storage};
    CountingHasher hasher;
    AccountService accounts{storage, clock, mail, hasher, config};

    Fixture() { config.publicBaseUrl = "https://alin.exemple.fr/"; }

    static SignupInput jean() {
        SignupInput in;
        in.birthName = "Dupont";
        in.firstName = "Jean";
        in.phone = "06 06 06 06 06";
        in.email = "dupontjean@yopmail.com";
        in.consent = true;
        return in;
    }

    std::vector<MailRecord> inbox(const std::string& to = "dupontjean@yopmail.com") { return accounts.mailbox(to); }
    // Token of the newest mail's link.
    std::string lastToken(const std::string& to = "dupontjean@yopmail.com") {
        auto mails = inbox(to);
        REQUIRE_FALSE(mails.empty());
        REQUIRE(mails.front().links.size() == 1);
        const std::string url = mails.front().links[0]["url"].get<std::string>();
        return url.substr(url.rfind('/') + 1);
    }
    // Signs up and activates Jean with the given password.
    void activeJean(const std::string& password = "Logement2024") {
        REQUIRE(accounts.signup(jean()).ok());
        REQUIRE(accounts.setPassword(lastToken(), password, password).ok());
    }
};

std::vector<std::string> fieldsOf(const ServiceError& e) {
    std::vector<std::string> out;
    for (const auto& f : e.errors) out.push_back(f.field);
    return out;
}

std::string codeOf(const ServiceError& e, const std::string& field) {
    for (const auto& f : e.errors)
        if (f.field == field) return f.code;
    return "";
}

}  // namespace

// ---------------------------------------------------------------- sign-up

TEST_CASE("signup: every field error at once, at its field") {
    struct Case {
        const char* name;
        SignupInput input;
        std::vector<std::string> fields;
        std::vector<std::string> codes;
    };
    SignupInput empty;
    SignupInput badPhone = Fixture::jean();
    badPhone.phone = "0123";
    SignupInput landline = Fixture::jean();
    landline.phone = "01 23 45 67 89";
    SignupInput badEmail = Fixture::jean();
    badEmail.email = "dupontjean@";
    SignupInput digitName = Fixture::jean();
    digitName.birthName = "Dup0nt";
    SignupInput noConsent = Fixture::jean();
    noConsent.consent = false;
    SignupInput several = Fixture::jean();
    several.firstName = "   ";
    several.email = "jean dupont@yopmail.com";
    several.consent = false;

    const Case cases[] = {
        {"all empty",
         empty,
         {"birthName", "firstName", "phone", "email", "consent"},
         {"required", "required", "required", "required", "required"}},
        {"short phone", badPhone, {"phone"}, {"invalid"}},
        {"landline", landline, {"phone"}, {"landline"}},
        {"e-mail without domain", badEmail, {"email"}, {"invalid"}},
        {"digit in name", digitName, {"birthName"}, {"invalid"}},
        {"consent not ticked", noConsent, {"consent"}, {"required"}},
        {"several", several, {"firstName", "email", "consent"}, {"required", "invalid", "required"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        Fixture f;
        auto r = f.accounts.signup(c.input);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error->status == 422);
        CHECK(r.error->code == "validation");
        CHECK(fieldsOf(*r.error) == c.fields);
        CHECK(r.error->field == c.fields.front());
        for (size_t i = 0; i < c.fields.size(); ++i) {
            CHECK(codeOf(*r.error, c.fields[i]) == c.codes[i]);
            CHECK_FALSE(r.error->errors[i].message.empty());
            CHECK(r.error->errors[i].message.find('.') != 0);  // a text, not a key
        }
        // Nothing created, nothing sent.
        CHECK(f.storage.snapshot()["users"].empty());
        CHECK(f.storage.snapshot()["mails"].empty());
    }
}

TEST_CASE("signup: French messages from the catalogue, not keys") {
    Fixture f;
    SignupInput in = Fixture::jean();
    in.consent = false;
    auto r = f.accounts.signup(in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error->errors[0].message ==
          "Vous devez accepter l'utilisation de vos données personnelles pour créer votre compte.");
    CHECK(r.error->message.find("account.") == std::string::npos);
}

TEST_CASE("signup: normalises phone to E.164, e-mail to lower case, names trimmed") {
    Fixture f;
    SignupInput in = Fixture::jean();
    in.birthName = "  Dupont   Durand ";
    in.phone = "+33 6 04 50 57 92";
    in.email = "  DupontJean@YopMail.COM ";
    REQUIRE(f.accounts.signup(in).ok());
    auto user = f.storage.findUserByEmail("dupontjean@yopmail.com");
    REQUIRE(user);
    CHECK(user->phone == "+33604505792");
    CHECK(user->birthName == "Dupont Durand");
    CHECK(user->firstName == "Jean");
    CHECK_FALSE(user->active);
    CHECK(user->passwordHash.empty());
    CHECK(user->consentAt == f.clock.now());
    CHECK(user->role == "applicant");
}

TEST_CASE("signup: the validation e-mail of the guide, with a one-time link") {
    Fixture f;
    REQUIRE(f.accounts.signup(Fixture::jean()).ok());
    auto mails = f.inbox();
    REQUIRE(mails.size() == 1);
    const MailRecord& m = mails[0];
    CHECK(m.to == "dupontjean@yopmail.com");
    CHECK(m.subject == "Action Logement Services \u2013 Demande d'acc\u00e8s");
    CHECK(m.body.rfind("Madame, Monsieur,", 0) == 0);
    CHECK(m.body.find("Suite à votre demande d'accès, veuillez cliquer sur le lien ci-dessous et suivre les "
                      "instructions") != std::string::npos);
    CHECK(m.body.find("Ce lien expire dans 2 jour(s).") != std::string::npos);
    CHECK(m.body.find("Si vous n'êtes pas à l'origine de cette demande, merci d'ignorer ce message.") !=
          std::string::npos);
    CHECK(m.body.find("Bien cordialement,") != std::string::npos);
    CHECK(m.createdAt == f.clock.now());
    REQUIRE(m.links.size() == 1);
    CHECK(m.links[0]["label"] == "Cliquez ici");
    const std::string url = m.links[0]["url"];
    const std::string prefix = "https://alin.exemple.fr/#/activation/";
    REQUIRE(url.rfind(prefix, 0) == 0);
    const std::string token = url.substr(prefix.size());
    CHECK(token.size() == 64);
    CHECK(m.body.find(url) != std::string::npos);  // plain-text mail: the address is in the text
    // Only the token's hash is stored.
    const std::string dump = f.storage.snapshot().dump();
    const std::string withoutMails = [&] {
        auto s = f.storage.snapshot();
        s.erase("mails");
        return s.dump();
    }();
    CHECK(withoutMails.find(token) == std::string::npos);
    CHECK(dump.find(sha256Hex(token)) != std::string::npos);
    auto record = f.storage.findToken(sha256Hex(token));
    REQUIRE(record);
    CHECK(record->purpose == "activation");
    CHECK(record->expiresAt - record->createdAt == 2 * 24 * 3600);
}

TEST_CASE("signup: an address already registered gets the same answer, never a second account") {
    Fixture f;
    auto first = f.accounts.signup(Fixture::jean());
    REQUIRE(first.ok());
    const std::string firstToken = f.lastToken();

    SUBCASE("not activated yet: a fresh activation link replaces the old one, data kept") {
        SignupInput again = Fixture::jean();
        again.firstName = "Usurpateur";
        auto second = f.accounts.signup(again);
        CHECK(second.ok());
        CHECK_FALSE(second.error);
        CHECK(f.storage.snapshot()["users"].size() == 1);
        CHECK(f.storage.findUserByEmail("dupontjean@yopmail.com")->firstName == "Jean");
        auto mails = f.inbox();
        REQUIRE(mails.size() == 2);
        CHECK(mails[0].subject == "Action Logement Services – Demande d'accès");
        const std::string secondToken = f.lastToken();
        CHECK(secondToken != firstToken);
        CHECK(f.accounts.checkLink(firstToken).error->code == "link_used");
        CHECK(f.accounts.checkLink(secondToken).ok());
    }
    SUBCASE("already active: a notice with a reset link, the password unchanged") {
        REQUIRE(f.accounts.setPassword(firstToken, "Logement2024", "Logement2024").ok());
        const std::string hashBefore = f.storage.findUserByEmail("dupontjean@yopmail.com")->passwordHash;
        auto second = f.accounts.signup(Fixture::jean());
        CHECK(second.ok());
        CHECK(f.storage.findUserByEmail("dupontjean@yopmail.com")->passwordHash == hashBefore);
        auto mails = f.inbox();
        REQUIRE(mails.size() == 2);
        CHECK(mails[0].body.find("vous avez déjà un compte") != std::string::npos);
        const std::string url = mails[0].links[0]["url"];
        CHECK(url.rfind("https://alin.exemple.fr/#/reinitialisation/", 0) == 0);
        auto info = f.accounts.describeLink(f.lastToken());
        REQUIRE(info.ok());
        CHECK(info.value->purpose == "reset");
        // The old password still works until the owner decides otherwise.
        CHECK(f.accounts.login("dupontjean@yopmail.com", "Logement2024", "1.1.1.1").ok());
    }
}

// ---------------------------------------------------------------- links

TEST_CASE("links: valid for 2 days exactly") {
    Fixture f;
    REQUIRE(f.accounts.signup(Fixture::jean()).ok());
    const std::string token = f.lastToken();
    auto info = f.accounts.describeLink(token);
    REQUIRE(info.ok());
    CHECK(info.value->purpose == "activation");
    CHECK(info.value->maskedEmail == "du***@yopmail.com");

    f.clock.advance(2 * 24 * 3600 - 1);
    CHECK(f.accounts.checkLink(token).ok());
    CHECK(*f.accounts.checkLink(token).value == "valid");
    f.clock.advance(1);
    auto expired = f.accounts.checkLink(token);
    REQUIRE_FALSE(expired.ok());
    CHECK(expired.error->status == 410);
    CHECK(expired.error->code == "link_expired");
    CHECK(expired.error->message == "Ce lien a expiré. Demandez un nouveau lien ci-dessous.");
    auto set = f.accounts.setPassword(token, "Logement2024", "Logement2024");
    REQUIRE_FALSE(set.ok());
    CHECK(set.error->code == "link_expired");
    CHECK_FALSE(f.storage.findUserByEmail("dupontjean@yopmail.com")->active);

    // A new link can be requested and works.
    REQUIRE(f.accounts.requestLink("dupontjean@yopmail.com").ok());
    CHECK(f.accounts.setPassword(f.lastToken(), "Logement2024", "Logement2024").ok());
}

TEST_CASE("links: one-time") {
    Fixture f;
    REQUIRE(f.accounts.signup(Fixture::jean()).ok());
    const std::string token = f.lastToken();
    REQUIRE(f.accounts.setPassword(token, "Logement2024", "Logement2024").ok());
    auto again = f.accounts.setPassword(token, "Autre2024x", "Autre2024x");
    REQUIRE_FALSE(again.ok());
    CHECK(again.error->status == 410);
    CHECK(again.error->code == "link_used");
    CHECK(f.accounts.checkLink(token).error->code == "link_used");
    // The first password stands.
    CHECK(f.accounts.login("dupontjean@yopmail.com", "Logement2024", "1.1.1.1").ok());
    CHECK_FALSE(f.accounts.login("dupontjean@yopmail.com", "Autre2024x", "1.1.1.1").ok());
}

TEST_CASE("links: forged or damaged links are invalid") {
    Fixture f;
    REQUIRE(f.accounts.signup(Fixture::jean()).ok());
    const std::string token = f.lastToken();
    std::string upper = token;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    CHECK(f.accounts.checkLink(upper).ok());  // retyped in capitals: still the same link

    for (const std::string& forged : {randomHex(32), std::string(), std::string("abc"), token.substr(0, 63),
                                      token + "0", token.substr(0, 63) + "g", sha256Hex(token)}) {
        CAPTURE(forged);
        auto r = f.accounts.checkLink(forged);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error->status == 404);
        CHECK(r.error->code == "link_invalid");
        CHECK_FALSE(f.accounts.setPassword(forged, "Logement2024", "Logement2024").ok());
    }
    CHECK(f.accounts.checkLink(token).ok());
}

TEST_CASE("links: the password rules are enforced by the server") {
    Fixture f;
    REQUIRE(f.accounts.signup(Fixture::jean()).ok());
    const std::string token = f.lastToken();

    struct Case {
        const char* password;
        const char* confirmation;
        const char* field;
        std::vector<std::string> rules;
    };
    const std::string longPassword = "Aa1" + std::string(1022, 'x');
    const Case cases[] = {
        {"court", "court", "password", {"min_length", "digit", "upper"}},
        {"motdepasse", "motdepasse", "password", {"digit", "upper"}},
        {"MOTDEPASSE1", "MOTDEPASSE1", "password", {"lower"}},
        {"Motdepasse", "Motdepasse", "password", {"digit"}},
        {"Logement2024", "Logement2025", "confirmation", {"confirm"}},
        {"Logement2024", "", "confirmation", {"confirm"}},
        {"", "", "password", {"min_length", "digit", "upper", "lower", "not_username", "confirm"}},
        {longPassword.c_str(), longPassword.c_str(), "password", {"max_length"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.password);
        auto r = f.accounts.setPassword(token, c.password, c.confirmation);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error->status == 422);
        CHECK(r.error->field == c.field);
        CHECK(r.error->rules == c.rules);
    }
    // Identical to the user name (the e-mail), whatever the case.
    {
        Fixture g;
        SignupInput in = Fixture::jean();
        in.email = "Dupont1@Yopmail.com";
        REQUIRE(g.accounts.signup(in).ok());
        auto r =
            g.accounts.setPassword(g.lastToken("dupont1@yopmail.com"), "DUPONT1@yopmail.com", "DUPONT1@yopmail.com");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error->rules == std::vector<std::string>{"not_username"});
    }
    // Refusals do not consume the link nor store anything.
    CHECK(f.accounts.checkLink(token).ok());
    CHECK(f.hasher.hashes == 0);
    CHECK(f.storage.findUserByEmail("dupontjean@yopmail.com")->passwordHash.empty());
    // A confirmation mismatch is reported at the confirmation field with its own message.
    auto mismatch = f.accounts.setPassword(token, "Logement2024", "Logement2025");
    CHECK(mismatch.error->errors.size() == 1);
    CHECK(mismatch.error->message == "La confirmation ne correspond pas au mot de passe.");

    auto good = f.accounts.setPassword(token, "Logement2024", "Logement2024");
    REQUIRE(good.ok());
    auto user = f.storage.findUserByEmail("dupontjean@yopmail.com");
    CHECK(user->active);
    CHECK(user->passwordHash.rfind("$argon2id$", 0) == 0);
    CHECK(f.storage.snapshot().dump().find("Logement2024") == std::string::npos);
}

// ---------------------------------------------------------------- log in

TEST_CASE("login: one message for a wrong e-mail, a wrong password or an inactive account") {
    Fixture f;
    f.activeJean();
    SignupInput marie = Fixture::jean();
    marie.email = "marie@yopmail.com";
    REQUIRE(f.accounts.signup(marie).ok());  // never activated

    auto wrongPassword = f.accounts.login("dupontjean@yopmail.com", "Logement2025", "1.1.1.1");
    auto unknown = f.accounts.login("inconnu@yopmail.com", "Logement2024", "1.1.1.2");
    auto inactive = f.accounts.login("marie@yopmail.com", "Logement2024", "1.1.1.3");
    for (const auto* r : {&wrongPassword, &unknown, &inactive}) {
        REQUIRE_FALSE(r->ok());
        CHECK(r->error->status == 401);
        CHECK(r->error->code == "invalid_credentials");
        CHECK(r->error->message == "Identifiant ou mot de passe incorrect.");
        CHECK(r->error->field.empty());
    }
    auto good = f.accounts.login("  DupontJean@YOPMAIL.com", "Logement2024", "1.1.1.1");
    REQUIRE(good.ok());
    CHECK(good.value->token.size() == 64);
}

TEST_CASE("login: an unknown e-mail costs a real Argon2id verification") {
    Fixture f;
    f.activeJean();
    const int before = f.hasher.verifies;
    CHECK_FALSE(f.accounts.login("inconnu@yopmail.com", "Logement2024", "1.1.1.1").ok());
    CHECK(f.hasher.verifies == before + 1);
    CHECK_FALSE(f.accounts.login("autre.inconnu@yopmail.com", "Logement2024", "1.1.1.1").ok());
    CHECK(f.hasher.verifies == before + 2);
    CHECK(f.hasher.hashes == 2);  // Jean's password + the dummy, made once
}

TEST_CASE("login: empty fields are refused at their fields") {
    Fixture f;
    auto r = f.accounts.login("", "", "1.1.1.1");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error->status == 422);
    CHECK(fieldsOf(*r.error) == std::vector<std::string>{"email", "password"});
    auto noPassword = f.accounts.login("dupontjean@yopmail.com", "", "1.1.1.1");
    CHECK(fieldsOf(*noPassword.error) == std::vector<std::string>{"password"});
    // Not counted as failures.
    CHECK(f.storage.countLoginFailuresSince("ip:1.1.1.1", 0) == 0);
}

TEST_CASE("login: throttled per account") {
    Fixture f;
    f.activeJean();
    const int64_t start = f.clock.now();
    for (int i = 0; i < 5; ++i) {
        CAPTURE(i);
        auto r = f.accounts.login("dupontjean@yopmail.com", "Mauvais2024", "10.0.0." + std::to_string(i));
        CHECK(r.error->code == "invalid_credentials");
        f.clock.advance(10);
    }
    const int64_t latest = start + 40;
    // Even the right password, even from another address.
    auto blocked = f.accounts.login("dupontjean@yopmail.com", "Logement2024", "10.0.1.1");
    REQUIRE_FALSE(blocked.ok());
    CHECK(blocked.error->status == 429);
    CHECK(blocked.error->code == "too_many_attempts");
    CHECK(blocked.error->message.find("bloquées pendant 15 minute(s)") != std::string::npos);
    CHECK(blocked.error->retryAfterSeconds == latest + 15 * 60 - f.clock.now());
    // Refused attempts are not failures: the lock does not grow.
    CHECK(f.storage.countLoginFailuresSince("email:dupontjean@yopmail.com", 0) == 5);
    // Other accounts are not affected.
    CHECK(f.accounts.login("autre@yopmail.com", "x", "10.0.1.1").error->code == "invalid_credentials");

    f.clock.set(latest + 15 * 60 - 1);
    auto lastSecond = f.accounts.login("dupontjean@yopmail.com", "Logement2024", "10.0.1.1");
    REQUIRE_FALSE(lastSecond.ok());
    CHECK(lastSecond.error->message.find("1 minute(s)") != std::string::npos);
    f.clock.set(latest + 15 * 60);
    REQUIRE(f.accounts.login("dupontjean@yopmail.com", "Logement2024", "10.0.1.1").ok());
    // The success cleared the account's failures.
    CHECK(f.storage.countLoginFailuresSince("email:dupontjean@yopmail.com", 0) == 0);
}

TEST_CASE("login: only failures within the window count") {
    Fixture f;
    f.activeJean();
    for (int i = 0; i < 4; ++i) f.accounts.login("dupontjean@yopmail.com", "Mauvais2024", "10.0.0.1");
    f.clock.advance(15 * 60);  // the four are now outside the window
    CHECK(f.accounts.login("dupontjean@yopmail.com", "Mauvais2024", "10.0.0.1").error->code == "invalid_credentials");
    CHECK(f.accounts.login("dupontjean@yopmail.com", "Logement2024", "10.0.0.1").ok());

    Fixture g;
    g.activeJean();
    for (int i = 0; i < 4; ++i) g.accounts.login("dupontjean@yopmail.com", "Mauvais2024", "10.0.0.1");
    g.clock.advance(15 * 60 - 1);  // still inside: the fifth failure locks
    g.accounts.login("dupontjean@yopmail.com", "Mauvais2024", "10.0.0.1");
    CHECK(g.accounts.login("dupontjean@yopmail.com", "Logement2024", "10.0.0.1").error->code == "too_many_attempts");
}

TEST_CASE("login: a success clears the account's failures") {
    Fixture f;
    f.activeJean();
    for (int i = 0; i < 4; ++i)
        f.accounts.login("dupontjean@yopmail.com", "Mauvais2024", "10.0.0." + std::to_string(i));
    REQUIRE(f.accounts.login("dupontjean@yopmail.com", "Logement2024", "10.0.1.1").ok());
    for (int i = 0; i < 4; ++i)
        f.accounts.login("dupontjean@yopmail.com", "Mauvais2024", "10.0.2." + std::to_string(i));
    CHECK(f.accounts.login("dupontjean@yopmail.com", "Logement2024", "10.0.3.1").ok());
}

TEST_CASE("login: throttled per client address, across accounts") {
    Fixture f;
    f.activeJean();
    for (int i = 0; i < 5; ++i)
        f.accounts.login("victime" + std::to_string(i) + "@yopmail.com", "Mauvais2024", "203.0.113.7");
    auto blocked = f.accounts.login("dupontjean@yopmail.com", "Logement2024", "203.0.113.7");
    REQUIRE_FALSE(blocked.ok());
    CHECK(blocked.error->status == 429);
    CHECK(blocked.error->code == "too_many_attempts");
    // Another address is fine, and that success does not unlock the address.
    CHECK(f.accounts.login("dupontjean@yopmail.com", "Logement2024", "198.51.100.1").ok());
    CHECK(f.accounts.login("dupontjean@yopmail.com", "Logement2024", "203.0.113.7").error->code == "too_many_attempts");
    f.clock.advance(15 * 60);
    CHECK(f.accounts.login("dupontjean@yopmail.com", "Logement2024", "203.0.113.7").ok());
}

TEST_CASE("login: throttling follows the configuration") {
    Fixture f;
    f.config.loginMaxFailures = 2;
    f.config.loginLockSeconds = 60;
    f.activeJean();
    f.accounts.login("dupontjean@yopmail.com", "x", "1.1.1.1");
    CHECK(f.accounts.login("dupontjean@yopmail.com", "x", "1.1.1.2").error->code == "invalid_credentials");
    auto blocked = f.accounts.login("dupontjean@yopmail.com", "Logement2024", "1.1.1.3");
    CHECK(blocked.error->code == "too_many_attempts");
    CHECK(blocked.error->message.find("1 minute(s)") != std::string::npos);
    f.clock.advance(60);
    CHECK(f.accounts.login("dupontjean@yopmail.com", "Logement2024", "1.1.1.3").ok());
}

// ---------------------------------------------------------------- sessions

TEST_CASE("sessions: 256-bit token, stored hashed, idle expiry refreshed by use") {
    Fixture f;
    f.activeJean();
    auto s = f.accounts.login("dupontjean@yopmail.com", "Logement2024", "1.1.1.1");
    REQUIRE(s.ok());
    const std::string token = s.value->token;
    CHECK(token.size() == 64);
    CHECK(f.storage.findSession(sha256Hex(token)));
    CHECK_FALSE(f.storage.findSession(token));

    auto me = f.accounts.authenticate(token);
    REQUIRE(me.ok());
    CHECK(me.value->email == "dupontjean@yopmail.com");
    CHECK(me.value->birthName == "Dupont");
    CHECK(me.value->firstName == "Jean");
    CHECK(me.value->phone == "+33606060606");
    CHECK(me.value->role == "applicant");
    CHECK(me.value->id == s.value->userId);

    f.clock.advance(30 * 60 - 1);
    REQUIRE(f.accounts.authenticate(token).ok());  // refreshes
    f.clock.advance(30 * 60 - 1);
    REQUIRE(f.accounts.authenticate(token).ok());
    f.clock.advance(30 * 60);
    auto expired = f.accounts.authenticate(token);
    REQUIRE_FALSE(expired.ok());
    CHECK(expired.error->status == 401);
    CHECK(expired.error->code == "session_expired");
    CHECK_FALSE(f.storage.findSession(sha256Hex(token)));  // gone for good
    f.clock.advance(-3600);
    CHECK_FALSE(f.accounts.authenticate(token).ok());

    auto none = f.accounts.authenticate("");
    CHECK(none.error->code == "unauthenticated");
    CHECK(f.accounts.authenticate(randomHex(32)).error->status == 401);
}

TEST_CASE("sessions: logout deletes the session, others stay") {
    Fixture f;
    f.activeJean();
    const std::string a = f.accounts.login("dupontjean@yopmail.com", "Logement2024", "1.1.1.1").value->token;
    const std::string b = f.accounts.login("dupontjean@yopmail.com", "Logement2024", "1.1.1.2").value->token;
    CHECK(a != b);
    f.accounts.logout(a);
    CHECK_FALSE(f.accounts.authenticate(a).ok());
    CHECK(f.accounts.authenticate(b).ok());
    f.accounts.logout("");  // harmless
    f.accounts.logout(a);
}

TEST_CASE("sessions: last-seen is written at most once a minute, idle expiry still follows use") {
    Fixture f;
    f.activeJean();
    const std::string token = f.accounts.login("dupontjean@yopmail.com", "Logement2024", "1.1.1.1").value->token;
    const std::string hash = sha256Hex(token);
    const int64_t t0 = f.storage.findSession(hash)->lastSeenAt;
    f.clock.advance(30);
    REQUIRE(f.accounts.authenticate(token).ok());
    CHECK(f.storage.findSession(hash)->lastSeenAt == t0);  // no write within the minute
    f.clock.advance(29);
    REQUIRE(f.accounts.authenticate(token).ok());
    CHECK(f.storage.findSession(hash)->lastSeenAt == t0);
    f.clock.advance(1);
    REQUIRE(f.accounts.authenticate(token).ok());
    CHECK(f.storage.findSession(hash)->lastSeenAt == t0 + 60);
    // A request every 59 s keeps the session alive far beyond the idle time.
    for (int i = 0; i < 100; ++i) {
        f.clock.advance(59);
        REQUIRE(f.accounts.authenticate(token).ok());
    }
    f.clock.advance(30 * 60);
    CHECK_FALSE(f.accounts.authenticate(token).ok());

    // A short idle time (tests, kiosks) writes more often: at most a tenth of it late.
    f.config.sessionIdleSeconds = 20;
    const std::string other = f.accounts.login("dupontjean@yopmail.com", "Logement2024", "1.1.1.1").value->token;
    for (int i = 0; i < 10; ++i) {
        f.clock.advance(15);
        REQUIRE(f.accounts.authenticate(other).ok());
    }
}

// ---------------------------------------------------------------- password reset

TEST_CASE("reset: forgotten password by e-mailed link") {
    Fixture f;
    f.activeJean("Logement2024");
    const std::string session = f.accounts.login("dupontjean@yopmail.com", "Logement2024", "1.1.1.1").value->token;

    REQUIRE(f.accounts.requestLink("DupontJean@yopmail.com ").ok());
    auto mails = f.inbox();
    REQUIRE(mails.size() == 2);
    CHECK(mails[0].subject == "Action Logement Services – Mot de passe oublié");
    const std::string url = mails[0].links[0]["url"];
    CHECK(url.rfind("https://alin.exemple.fr/#/reinitialisation/", 0) == 0);
    CHECK(mails[0].body.find("Ce lien expire dans 2 jour(s).") != std::string::npos);
    const std::string token = f.lastToken();
    auto info = f.accounts.describeLink(token);
    REQUIRE(info.ok());
    CHECK(info.value->purpose == "reset");

    // Same rules as at activation.
    CHECK(f.accounts.setPassword(token, "nouveau", "nouveau").error->status == 422);
    REQUIRE(f.accounts.setPassword(token, "Nouveau2025", "Nouveau2025").ok());

    CHECK_FALSE(f.accounts.authenticate(session).ok());  // every session closed
    CHECK(f.accounts.login("dupontjean@yopmail.com", "Logement2024", "1.1.1.1").error->code == "invalid_credentials");
    CHECK(f.accounts.login("dupontjean@yopmail.com", "Nouveau2025", "1.1.1.1").ok());
    CHECK(f.accounts.checkLink(token).error->code == "link_used");
    // The owner is told the password changed.
    CHECK(f.inbox()[0].subject == "Action Logement Services – Mot de passe modifié");
}

TEST_CASE("reset: a reset unlocks a throttled account") {
    Fixture f;
    f.activeJean();
    for (int i = 0; i < 5; ++i) f.accounts.login("dupontjean@yopmail.com", "x", "10.0.0." + std::to_string(i));
    REQUIRE(f.accounts.requestLink("dupontjean@yopmail.com").ok());
    REQUIRE(f.accounts.setPassword(f.lastToken(), "Nouveau2025", "Nouveau2025").ok());
    CHECK(f.accounts.login("dupontjean@yopmail.com", "Nouveau2025", "10.0.1.1").ok());
}

TEST_CASE("requestLink: same answer for unknown, inactive and active addresses") {
    Fixture f;
    REQUIRE(f.accounts.signup(Fixture::jean()).ok());
    const std::string firstToken = f.lastToken();

    auto unknown = f.accounts.requestLink("personne@yopmail.com");
    CHECK(unknown.ok());
    CHECK(f.inbox("personne@yopmail.com").empty());

    auto inactive = f.accounts.requestLink("dupontjean@yopmail.com");
    CHECK(inactive.ok());
    auto mails = f.inbox();
    REQUIRE(mails.size() == 2);
    CHECK(mails[0].subject == "Action Logement Services – Demande d'accès");
    CHECK(std::string(mails[0].links[0]["url"]).find("#/activation/") != std::string::npos);
    CHECK(f.accounts.checkLink(firstToken).error->code == "link_used");  // replaced

    auto invalid = f.accounts.requestLink("pas-une-adresse");
    REQUIRE_FALSE(invalid.ok());
    CHECK(invalid.error->status == 422);
    CHECK(invalid.error->field == "email");
}

TEST_CASE("mailbox: newest first, per recipient") {
    Fixture f;
    REQUIRE(f.accounts.signup(Fixture::jean()).ok());
    f.clock.advance(5);
    REQUIRE(f.accounts.requestLink("dupontjean@yopmail.com").ok());
    auto mails = f.accounts.mailbox("DUPONTJEAN@yopmail.com");
    REQUIRE(mails.size() == 2);
    CHECK(mails[0].createdAt == mails[1].createdAt + 5);
    CHECK(f.accounts.mailbox("autre@yopmail.com").empty());
}

TEST_CASE("maskEmail keeps the first two characters and the domain") {
    CHECK(AccountService::maskEmail("dupontjean@yopmail.com") == "du***@yopmail.com");
    CHECK(AccountService::maskEmail("ab@x.fr") == "a***@x.fr");
    CHECK(AccountService::maskEmail("a@x.fr") == "a***@x.fr");
    CHECK(AccountService::maskEmail("abc@x.fr") == "ab***@x.fr");
    CHECK(AccountService::maskEmail("sans-arobase") == "***");
}

TEST_CASE("mail failures: sign-up reports the service unavailable") {
    class BrokenTransport final : public MailTransport {
    public:
        bool send(const MailRecord&) override { return false; }
    };
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock;
    BrokenTransport broken;
    CountingHasher hasher;
    AccountService accounts(storage, clock, broken, hasher, config);
    auto r = accounts.signup(Fixture::jean());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error->status == 503);
    CHECK(r.error->code == "unavailable");
    // A retry re-sends a link to the same, single account.
    CHECK_FALSE(accounts.signup(Fixture::jean()).ok());
    CHECK(storage.snapshot()["users"].size() == 1);
}

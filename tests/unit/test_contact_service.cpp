// ContactService (issue 14 part 2): the contact form's validation (French
// messages at the field, the limit stated, nothing cut), the quota, the
// advisors' inbox (by age), the answer e-mailed in the ACCOUNT's language and
// shown to the applicant, closing; who may do what; the "Mes données" export.
#include <doctest/doctest.h>

#include "app/contact_service.h"
#include "app/my_data_service.h"
#include "domain/contact.h"
#include "i18n/catalog.h"
#include "service_fixture.h"

using namespace alin;
using namespace alin::test;

namespace {

Me meOf(Storage& storage, int64_t id) {
    const UserRecord u = *storage.findUserById(id);
    Me me;
    me.id = u.id;
    me.email = u.email;
    me.firstName = u.firstName;
    me.birthName = u.birthName;
    me.role = u.role;
    me.organisation = u.organisation;
    return me;
}

class NoHasher final : public PasswordHasher {
public:
    std::string hash(const std::string&) override { return "x"; }
    bool verify(const std::string&, const std::string&) override { return false; }
};

struct ContactFixture {
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock{kTestNoon};
    OutboxTransport mail{storage};
    ContactService contact{storage, clock, mail, config};
    Me anne, advisor, landlord;
    ContactFixture() {
        anne = meOf(storage, addUser(storage, "anne.porte@example.fr"));
        advisor = meOf(storage, addUser(storage, "conseiller@example.fr", "advisor", "Action Logement Services"));
        landlord = meOf(storage, addUser(storage, "bailleur@example.fr", "landlord", "Paris Habitat"));
    }
    ContactInput input(const std::string& text = "Bonjour, mon dossier est-il complet ?") {
        return {"request_file", text, 0};
    }
};

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST_CASE("contact: an applicant sends a message and finds it in Mes messages") {
    ContactFixture f;
    auto sent = f.contact.send(f.anne, f.input("  Bonjour, mon dossier est-il complet ?  "));
    REQUIRE(sent.ok());
    CHECK((*sent.value)["notice"] == tr("contact.sent"));
    CHECK((*sent.value)["message"]["message"] == "Bonjour, mon dossier est-il complet ?");  // trimmed
    CHECK((*sent.value)["message"]["status"] == "waiting");
    auto mine = f.contact.mine(f.anne);
    REQUIRE(mine.ok());
    REQUIRE((*mine.value)["messages"].size() == 1);
    CHECK((*mine.value)["messages"][0]["subjectLabel"] == tr("contact.subject.request_file.label"));
    CHECK((*mine.value)["subjects"].size() == domain::contact::kSubjects.size());
    CHECK((*mine.value)["maxLength"] == domain::contact::kMessageMaxChars);
}

TEST_CASE("contact: bad input is refused at each field, in French, with the limit said, nothing stored or cut") {
    ContactFixture f;
    auto empty = f.contact.send(f.anne, {"", "   ", 0});
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error->status == 422);
    REQUIRE(empty.error->errors.size() == 2);  // every field at once
    CHECK(empty.error->errors[0].field == "subject");
    CHECK(empty.error->errors[0].message == tr("contact.error.subject"));
    CHECK(empty.error->errors[1].field == "message");
    CHECK(empty.error->errors[1].message == std::string("Écrivez votre message avant de l'envoyer."));

    // 2001 characters (accented: counted as characters, not bytes).
    const std::string tooLong = repeat("é", domain::contact::kMessageMaxChars + 1);
    auto longer = f.contact.send(f.anne, f.input(tooLong));
    REQUIRE_FALSE(longer.ok());
    CHECK(longer.error->field == "message");
    CHECK(longer.error->errors[0].code == "too_long");
    CHECK(longer.error->message.find("2\u00A0000\u00A0caractères") != std::string::npos);
    CHECK(longer.error->message.find("2\u00A0001") != std::string::npos);
    // Exactly the limit is accepted, whole.
    const std::string atLimit = repeat("é", domain::contact::kMessageMaxChars);
    auto exact = f.contact.send(f.anne, f.input(atLimit));
    REQUIRE(exact.ok());
    CHECK((*exact.value)["message"]["message"] == atLimit);

    auto subject = f.contact.send(f.anne, {"spam", "Bonjour", 0});
    REQUIRE_FALSE(subject.ok());
    CHECK(subject.error->field == "subject");

    // An application that is not hers: as if it did not exist.
    auto other = f.contact.send(f.anne, {"application", "Bonjour", 987654});
    REQUIRE_FALSE(other.ok());
    CHECK(other.error->field == "applicationId");
    CHECK(f.storage.listContactMessagesOfUser(f.anne.id).size() == 1);  // only the one at the limit
}

TEST_CASE("contact: a message and an answer of several lines keep their line breaks; each counts as a character") {
    ContactFixture f;
    // Typed in a multi-line field (ui::TextArea): only the ends are trimmed.
    auto sent = f.contact.send(f.anne, f.input("\nBonjour,\n\nmon dossier est-il complet ?\n"));
    REQUIRE(sent.ok());
    CHECK((*sent.value)["message"]["message"] == "Bonjour,\n\nmon dossier est-il complet ?");
    const int64_t id = (*sent.value)["message"]["id"];
    auto inbox = f.contact.inbox(f.advisor);
    REQUIRE(inbox.ok());
    CHECK((*inbox.value)["messages"][0]["message"] == "Bonjour,\n\nmon dossier est-il complet ?");
    REQUIRE(f.contact.answer(f.advisor, id, "Oui.\nCordialement").ok());
    CHECK((*f.contact.mine(f.anne).value)["messages"][0]["answer"] == "Oui.\nCordialement");

    // The limit counts a line break as one character: 1 999 + "\n" + 1 is 2 001.
    const std::string over = repeat("a", domain::contact::kMessageMaxChars - 1) + "\n" + "b";
    auto refused = f.contact.send(f.anne, f.input(over));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error->errors[0].code == "too_long");
    CHECK(f.contact.send(f.anne, f.input(over.substr(1))).ok());
}

TEST_CASE("contact: the quota, 5 messages per sliding day and per account, said in French") {
    ContactFixture f;
    for (int i = 0; i < domain::contact::kMessagesPerDay; ++i) REQUIRE(f.contact.send(f.anne, f.input()).ok());
    auto refused = f.contact.send(f.anne, f.input());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error->status == 429);
    CHECK(refused.error->code == "too_many_messages");
    CHECK(refused.error->message.find("5 messages") != std::string::npos);
    CHECK(refused.error->message.find("24\u00A0heures") != std::string::npos);
    f.clock.advance(domain::contact::kQuotaWindowSeconds);
    CHECK(f.contact.send(f.anne, f.input()).ok());
}

TEST_CASE("contact: the advisor's inbox by age; the answer is e-mailed in the account's language and shown") {
    ContactFixture f;
    const int64_t jules = addUser(f.storage, "jules@example.fr");
    f.storage.setUserLanguage(jules, "en");
    const Me julesMe = meOf(f.storage, jules);
    REQUIRE(f.contact.send(f.anne, f.input("Premier message")).ok());
    f.clock.advance(60);
    auto second = f.contact.send(julesMe, {"offers", "Second message", 0});
    REQUIRE(second.ok());
    const int64_t julesMessage = (*second.value)["message"]["id"];

    auto inbox = f.contact.inbox(f.advisor);
    REQUIRE(inbox.ok());
    REQUIRE((*inbox.value)["messages"].size() == 2);
    CHECK((*inbox.value)["messages"][0]["message"] == "Premier message");  // oldest first
    CHECK((*inbox.value)["messages"][0]["applicantEmail"] == "anne.porte@example.fr");

    // The advisor's page is French; Jules's account is English: his e-mail is English.
    auto answered = f.contact.answer(f.advisor, julesMessage, "  Les offres sont mises à jour chaque jour.  ");
    REQUIRE(answered.ok());
    const auto mails = f.storage.listMailTo("jules@example.fr");
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].subject == i18n::trIn(i18n::Lang::En, "contact.mail.subject"));
    CHECK(mails[0].body.find("Les offres sont mises à jour chaque jour.") != std::string::npos);
    CHECK(mails[0].body.find("Hello Compte") != std::string::npos);
    CHECK(mails[0].body.find(i18n::trIn(i18n::Lang::En, "mail.language.footer")) != std::string::npos);
    CHECK(mails[0].links[0]["url"].get<std::string>().find("#/mes-messages") != std::string::npos);

    auto seen = f.contact.mine(julesMe);
    CHECK((*seen.value)["messages"][0]["status"] == "answered");
    CHECK((*seen.value)["messages"][0]["answer"] == "Les offres sont mises à jour chaque jour.");

    // Once: a second answer is refused, nothing more is sent.
    auto again = f.contact.answer(f.advisor, julesMessage, "Encore");
    REQUIRE_FALSE(again.ok());
    CHECK(again.error->status == 409);
    CHECK(f.storage.listMailTo("jules@example.fr").size() == 1);

    // An empty or too long answer is refused at the field.
    const int64_t anneMessage = (*inbox.value)["messages"][0]["id"];
    auto blank = f.contact.answer(f.advisor, anneMessage, " ");
    REQUIRE_FALSE(blank.ok());
    CHECK(blank.error->field == "answer");
    auto huge = f.contact.answer(f.advisor, anneMessage, repeat("a", domain::contact::kAnswerMaxChars + 1));
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error->errors[0].code == "too_long");
    CHECK(f.storage.listMailTo("anne.porte@example.fr").empty());

    // Closing takes it out of the inbox.
    REQUIRE(f.contact.close(f.advisor, anneMessage).ok());
    CHECK(f.contact.close(f.advisor, anneMessage).error->status == 409);
    CHECK(f.contact.answer(f.advisor, 999999, "x").error->status == 404);
    auto after = f.contact.inbox(f.advisor);
    REQUIRE((*after.value)["messages"].size() == 1);
    CHECK((*after.value)["messages"][0]["id"] == julesMessage);
}

TEST_CASE("contact: only advisors read and answer; only applicants write") {
    ContactFixture f;
    auto sent = f.contact.send(f.anne, f.input());
    REQUIRE(sent.ok());
    const int64_t id = (*sent.value)["message"]["id"];
    for (const Me* who : {&f.anne, &f.landlord}) {
        CHECK(f.contact.inbox(*who).error->status == 403);
        CHECK(f.contact.answer(*who, id, "Réponse").error->status == 403);
        CHECK(f.contact.close(*who, id).error->status == 403);
    }
    CHECK(f.contact.send(f.advisor, f.input()).error->status == 403);
    CHECK(f.contact.send(f.landlord, f.input()).error->status == 403);
    CHECK(f.storage.findContactMessage(id)->status == "waiting");
}

TEST_CASE("contact: Mes données exports the messages with their answers, and the account's deletion removes them") {
    ContactFixture f;
    auto sent = f.contact.send(f.anne, f.input("Question pour l'export"));
    REQUIRE(sent.ok());
    REQUIRE(f.contact.answer(f.advisor, (*sent.value)["message"]["id"], "Réponse pour l'export").ok());
    NoHasher hasher;
    MyDataService myData{f.storage, f.clock, hasher, f.config};
    const Json exported = myData.exportData(f.anne);
    REQUIRE(exported["messages"].size() == 1);
    CHECK(exported["messages"][0]["message"] == "Question pour l'export");
    CHECK(exported["messages"][0]["answer"] == "Réponse pour l'export");
    REQUIRE(myData.erase(*f.storage.findUserById(f.anne.id), nullptr));
    CHECK(f.storage.listContactMessagesOfUser(f.anne.id).empty());
    CHECK(f.storage.listOpenContactMessages().empty());
}

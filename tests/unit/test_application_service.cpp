// ApplicationService (docs/applications-api.md) over the in-memory storage and a
// manual clock: "Je postule" and its refusals, the rule of one (also with fifty
// threads), cancelling, the ranking order, the advisor's, landlord's and
// employer's routes with their role and ownership checks, the end of the other
// applications when a lease is signed, the e-mails and the unread badge.
#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <set>
#include <thread>

#include "app/application_service.h"
#include "app/offer_service.h"
#include "service_fixture.h"

using namespace alin;
using namespace alin::test;

namespace {

Me meOf(Storage& storage, int64_t id) {
    const UserRecord u = *storage.findUserById(id);
    Me me;
    me.id = u.id;
    me.email = u.email;
    me.role = u.role;
    me.organisation = u.organisation;
    me.siret = u.siret;
    return me;
}

// Another household like Anne PORTE's (so eligible to the same offers), with its
// own Numéro Unique, e-mail, registration date and priority.
RegistryRequest lookalike(const std::string& suffix, const std::string& createdOn, const std::string& priority = {}) {
    RegistryRequest r = guideRequest(kGuideExamplePorteNu);
    r.numeroUnique = "1110920621114" + suffix;  // 13 + 5 characters
    r.createdOn = createdOn;
    r.priority = priority;
    r.applicant.firstName = "Camille" + suffix;
    r.applicant.email = "camille." + suffix + "@example.fr";
    return r;
}

struct AppFixture {
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock{kTestNoon};
    OutboxTransport mail{storage};
    std::unique_ptr<OfferService> offers;
    std::unique_ptr<ApplicationService> apps;
    Me anne, advisor, landlord, otherLandlord, employer, otherEmployer;

    AppFixture() {
        config.offerCount = 2000;
        offers = std::make_unique<OfferService>(storage, clock, config, serviceTestData());
        apps = std::make_unique<ApplicationService>(storage, clock, mail, config, *offers);
        anne = meOf(storage, addUser(storage, "anne.porte@example.fr"));
        addValidatedFile(storage, anne.id, guideRequest(kGuideExamplePorteNu));
        advisor = meOf(storage, addUser(storage, "conseiller@example.fr", "advisor", "Action Logement Services"));
        landlord = meOf(storage, addUser(storage, "bailleur@example.fr", "landlord", "Paris Habitat"));
        otherLandlord = meOf(storage, addUser(storage, "autre.bailleur@example.fr", "landlord", "Immobilière 3F"));
        employer =
            meOf(storage, addUser(storage, "employeur@example.fr", "employer", "Entreprise Exemple", "82454114802432"));
        otherEmployer =
            meOf(storage, addUser(storage, "autre.employeur@example.fr", "employer", "Autre", "73282932000074"));
    }

    // An applicant like Anne, validated, with a data-sharing choice and company code.
    Me applicant(const std::string& suffix, const std::string& createdOn = "2021-09-06",
                 const std::string& priority = {}, int choice = 3, const std::string& companyCode = {}) {
        const Me me = meOf(storage, addUser(storage, "camille." + suffix + "@example.fr"));
        addValidatedFile(storage, me.id, lookalike(suffix, createdOn, priority), choice, companyCode);
        return me;
    }

    // Offers Anne is eligible for in her requested communes (newest first), of a landlord or any.
    std::vector<Json> eligible(const std::string& landlordName = {}) {
        auto list = offers->search(anne, {{"pageSize", "100"}});
        REQUIRE(list.ok());
        std::vector<Json> out;
        for (const Json& item : (*list.value)["items"])
            if (landlordName.empty() || item["landlord"] == landlordName) out.push_back(item);
        REQUIRE(!out.empty());
        return out;
    }
    int64_t parisHabitatOffer() { return eligible("Paris Habitat").front()["id"]; }

    Json applyOk(const Me& me, int64_t offerId) {
        auto r = apps->apply(me, offerId);
        REQUIRE_MESSAGE(r.ok(), (r.error ? r.error->message : std::string()));
        return (*r.value)["application"];
    }
    Json current(const Me& me) {
        auto r = apps->mine(me);
        REQUIRE(r.ok());
        return *r.value;
    }
    std::vector<std::string> subjects(const std::string& to) {
        std::vector<std::string> out;
        for (const MailRecord& m : storage.listMailTo(to)) out.insert(out.begin(), m.subject);  // oldest first
        return out;
    }
    // submitted -> validated -> sent -> contact -> commission, by the advisor and the landlord.
    void toCommission(int64_t id, int64_t offerId) {
        REQUIRE(apps->validate(advisor, id).ok());
        REQUIRE(apps->send(advisor, offerId, {id}).ok());
        REQUIRE(apps->contact(landlord, id, "Visite le 02/12 à 10\u00A0h").ok());
        REQUIRE(apps->commission(landlord, id).ok());
    }
};

int64_t idOf(const Json& application) {
    return application["id"].get<int64_t>();
}

}  // namespace

TEST_SUITE("application service") {
    TEST_CASE("Je postule: accepted, counted, e-mailed, positioned") {
        AppFixture f;
        const Json offer = f.eligible().front();
        const int before = offer["applicationsCount"];
        auto r = f.apps->apply(f.anne, offer["id"]);
        REQUIRE(r.ok());
        CHECK((*r.value)["message"] == "Ce logement a bien été ajouté à vos candidatures");
        const Json& a = (*r.value)["application"];
        CHECK(a["offerId"] == offer["id"]);
        CHECK(a["offer"]["title"] == offer["title"]);
        CHECK(a["offer"]["landlord"] == offer["landlord"]);
        CHECK(a["offer"]["totalText"] == offer["totalText"]);
        CHECK(a["stage"] == "submitted");
        CHECK(a["step"] == 1);
        CHECK(a["statusText"] == "En attente");
        CHECK(a["failed"] == false);
        CHECK(a["canCancel"] == true);
        CHECK(a["position"] == Json{{"rank", 1}, {"total", 1}});
        // What each figure counts (issue 11 item 4): all applications on the offer,
        // then the rank among those being examined; real plural forms.
        CHECK(a["rankText"].get<std::string>().find(
                  "Votre position dans le classement\u00A0: 1re sur 1 candidature en cours d'examen (") == 0);
        CHECK(a["positionText"].get<std::string>().find("déposée") != std::string::npos);
        CHECK(a["applicationsCount"] == before + 1);
        CHECK(a["positionText"] ==
              "Il y a actuellement " + std::to_string(before + 1) + " candidatures déposées sur cette offre");
        CHECK(a["deadlineText"] == offer["deadlineText"]);
        CHECK(a["events"].size() == 1);
        CHECK(a["events"][0]["text"] == "Candidature déposée");
        CHECK(f.offers->summary(offer["id"])->offer.applications == before + 1);
        auto detail = f.offers->detail(f.anne, offer["id"]);
        CHECK((*detail.value)["offer"]["applicationsCount"] == before + 1);
        // The confirmation e-mail; her own action is not "unread".
        CHECK(f.subjects("anne.porte@example.fr") ==
              std::vector<std::string>{"Action Logement Services – Votre candidature\u00A0: En attente"});
        const Json mine = f.current(f.anne);
        CHECK(mine["active"]["id"] == a["id"]);
        CHECK(mine["history"].empty());
        CHECK(mine["unread"] == 0);
    }

    TEST_CASE("the rule of one: a second application is refused, naming the first") {
        AppFixture f;
        const std::vector<Json> offers = f.eligible();
        REQUIRE(offers.size() >= 2);
        f.applyOk(f.anne, offers[0]["id"]);
        for (const Json& o : {offers[1], offers[0]}) {
            auto again = f.apps->apply(f.anne, o["id"]);
            REQUIRE_FALSE(again.ok());
            CHECK(again.error->status == 409);
            CHECK(again.error->code == "already_active");
            CHECK(again.error->message ==
                  "Vous avez déjà une candidature en cours\u00A0: " + offers[0]["title"].get<std::string>() +
                      ". Annulez-la pour postuler à ce logement.");
            CHECK(again.error->details["activeApplication"]["offerTitle"] == offers[0]["title"]);
        }
        CHECK(f.offers->summary(offers[1]["id"])->offer.applications == offers[1]["applicationsCount"].get<int>());
    }

    TEST_CASE("fifty concurrent Je postule on fifty offers: exactly one accepted, five rounds") {
        AppFixture f;
        std::vector<int64_t> ids;
        for (const Json& o : f.eligible()) ids.push_back(o["id"]);
        // Neighbouring and other communes too, to reach fifty offers.
        for (const char* tab : {"neighbours", "others"}) {
            auto list = f.offers->search(f.anne, {{"tab", tab}, {"pageSize", "100"}});
            for (const Json& o : (*list.value)["items"]) ids.push_back(o["id"]);
        }
        REQUIRE(ids.size() >= 50);
        ids.resize(50);
        for (int round = 0; round < 5; ++round) {
            CAPTURE(round);
            std::atomic<int> accepted{0}, refused{0}, other{0};
            std::atomic<bool> go{false};
            std::vector<std::thread> threads;
            for (int i = 0; i < 50; ++i)
                threads.emplace_back([&, i] {
                    while (!go) std::this_thread::yield();
                    auto r = f.apps->apply(f.anne, ids[i]);
                    if (r.ok())
                        ++accepted;
                    else if (r.error->code == "already_active")
                        ++refused;
                    else
                        ++other;
                });
            go = true;
            for (auto& t : threads) t.join();
            CHECK(accepted == 1);
            CHECK(refused == 49);
            CHECK(other == 0);
            const Json mine = f.current(f.anne);
            REQUIRE(mine["active"].is_object());
            REQUIRE(f.apps->cancel(f.anne, idOf(mine["active"])).ok());
        }
        CHECK(f.current(f.anne)["history"].size() == 5);
    }

    TEST_CASE("Je postule: the offer, the deadline, eligibility and the request file") {
        AppFixture f;
        auto unknown = f.apps->apply(f.anne, 987654321);
        CHECK(unknown.error->status == 404);
        CHECK(unknown.error->code == "offer_unknown");

        // An offer outside her areas, and a closed one inside them.
        int64_t away = 0, closed = 0;
        for (int64_t id = 1; id <= 2000 && (!away || !closed); ++id) {
            const auto s = f.offers->summary(id);
            if (!away && s->offer.dept == "29" && s->offer.status == OfferStatus::Open) away = id;
            if (!closed && s->offer.status == OfferStatus::Closed && s->offer.dept == "75") closed = id;
        }
        REQUIRE(away);
        REQUIRE(closed);
        auto far = f.apps->apply(f.anne, away);
        CHECK(far.error->status == 403);
        CHECK(far.error->code == "not_eligible");
        CHECK(far.error->message.find("Ce logement se trouve à") == 0);
        auto shut = f.apps->apply(f.anne, closed);
        CHECK(shut.error->status == 410);
        CHECK(shut.error->code == "offer_closed");

        // Too rich for the offer's loan: an offer refused by the income rule.
        RegistryRequest rich = lookalike("RICH1", "2020-01-01");
        rich.applicant.taxIncomeN2 = 500000;
        const Me wealthy = meOf(f.storage, addUser(f.storage, "riche@example.fr"));
        addValidatedFile(f.storage, wealthy.id, rich);
        auto refused = f.apps->apply(wealthy, f.eligible().front()["id"]);
        CHECK(refused.error->status == 403);
        CHECK(refused.error->code == "not_eligible");
        CHECK(refused.error->message.find("plafond") != std::string::npos);

        // The deadline passes (guaranteed offers close 7 days after publication).
        const int64_t offer = f.eligible().front()["id"];
        f.clock.advance(10 * 24 * 3600);
        auto late = f.apps->apply(f.anne, offer);
        CHECK(late.error->status == 410);
        CHECK(late.error->code == "deadline_past");
        CHECK(late.error->message.find("est dépassée") != std::string::npos);

        const Me nofile = meOf(f.storage, addUser(f.storage, "sans.dossier@example.fr"));
        CHECK(f.apps->apply(nofile, offer).error->code == "no_request");
        const Me pending = meOf(f.storage, addUser(f.storage, "en.cours@example.fr"));
        RequestFileRecord file = addValidatedFile(f.storage, pending.id, lookalike("PEND1", "2022-01-01"));
        file.validatedAt = 0;
        f.storage.updateRequestFile(file);
        CHECK(f.apps->apply(pending, offer).error->code == "file_not_validated");
    }

    TEST_CASE("cancel: before the landlord only; frees the applicant; others' applications are unknown") {
        AppFixture f;
        const std::vector<Json> offers = f.eligible();
        const int64_t first = idOf(f.applyOk(f.anne, offers[0]["id"]));
        const Me camille = f.applicant("CAMI1");
        CHECK(f.apps->cancel(camille, first).error->code == "application_unknown");
        CHECK(f.apps->cancel(f.anne, 424242).error->status == 404);

        auto cancelled = f.apps->cancel(f.anne, first);
        REQUIRE(cancelled.ok());
        CHECK((*cancelled.value)["message"] ==
              "Votre candidature a été annulée. Vous pouvez postuler à un autre logement.");
        const Json& a = (*cancelled.value)["application"];
        CHECK(a["stage"] == "cancelled");
        CHECK(a["failed"] == true);
        CHECK(a["active"] == false);
        CHECK(a["outcomeText"] == "Annulée le 26/11/2026");
        CHECK(a["unread"] == false);  // her own action
        auto twice = f.apps->cancel(f.anne, first);
        CHECK(twice.error->status == 409);
        CHECK(twice.error->code == "cannot_cancel");
        CHECK(twice.error->message == "Cette candidature est terminée\u00A0: elle ne peut plus être modifiée.");

        // Free at once: a new application, validated, can still be cancelled (step 2)...
        const int64_t second = idOf(f.applyOk(f.anne, offers[1]["id"]));
        REQUIRE(f.apps->validate(f.advisor, second).ok());
        CHECK(f.current(f.anne)["active"]["canCancel"] == true);
        REQUIRE(f.apps->cancel(f.anne, second).ok());
        // ... but not once sent to the landlord.
        const int64_t third = idOf(f.applyOk(f.anne, offers[2]["id"]));
        REQUIRE(f.apps->validate(f.advisor, third).ok());
        REQUIRE(f.apps->send(f.advisor, offers[2]["id"], {third}).ok());
        const Json active = f.current(f.anne)["active"];
        CHECK(active["canCancel"] == false);
        CHECK(active["cannotCancelReason"] ==
              "Votre dossier a été transmis au bailleur\u00A0: la candidature ne peut plus être annulée.");
        auto refused = f.apps->cancel(f.anne, third);
        CHECK(refused.error->status == 409);
        CHECK(refused.error->code == "cannot_cancel");
        CHECK(refused.error->message == active["cannotCancelReason"]);
        const Json mine = f.current(f.anne);
        CHECK(mine["history"].size() == 2);
        CHECK(mine["history"][0]["id"] == second);  // newest first
        CHECK(f.subjects("anne.porte@example.fr").back() ==
              "Action Logement Services – Votre candidature\u00A0: Transmise au bailleur");
    }

    TEST_CASE("invalidation: a reason, shown and e-mailed; the applicant is free at once; unread badge") {
        AppFixture f;
        const std::vector<Json> offers = f.eligible();
        const int64_t id = idOf(f.applyOk(f.anne, offers[0]["id"]));
        for (const char* bad : {"", "  x ", "ab"}) {
            auto r = f.apps->invalidate(f.advisor, id, bad);
            CHECK(r.error->status == 422);
            CHECK(r.error->field == "reason");
        }
        CHECK(f.apps->invalidate(f.advisor, id, std::string(301, 'a')).error->field == "reason");
        auto done = f.apps->invalidate(f.advisor, id, "  Pièces justificatives illisibles ");
        REQUIRE(done.ok());
        CHECK((*done.value)["message"] == "Candidature invalidée\u00A0: le candidat en est informé.");
        const Json mine = f.current(f.anne);
        CHECK(mine["active"].is_null());
        CHECK(mine["unread"] == 1);
        const Json& h = mine["history"][0];
        CHECK(h["stage"] == "invalidated");
        CHECK(h["step"] == 2);
        CHECK(h["failed"] == true);
        CHECK(h["outcomeText"] == "Non validée par Action Logement\u00A0: Pièces justificatives illisibles");
        CHECK(h["events"].back()["text"] == "Non validée par Action Logement\u00A0: Pièces justificatives illisibles");
        const MailRecord mail = f.storage.listMailTo("anne.porte@example.fr").front();
        CHECK(mail.subject == "Action Logement Services – Votre candidature\u00A0: Non validée par Action Logement");
        CHECK(mail.body.find("Motif\u00A0: Pièces justificatives illisibles") != std::string::npos);
        CHECK(mail.body.find("Vous pouvez dès à présent vous positionner sur un autre logement.") != std::string::npos);
        CHECK(mail.body.find(offers[0]["title"].get<std::string>()) != std::string::npos);
        CHECK(mail.links[0]["url"] == f.config.publicBaseUrl + "#/candidatures");
        // Invalidated twice: refused by the state machine.
        CHECK(f.apps->invalidate(f.advisor, id, "Encore").error->code == "transition_refused");

        REQUIRE(f.apps->markRead(f.anne).ok());
        CHECK(f.current(f.anne)["unread"] == 0);
        // Free: a new application on another offer (or the same one).
        f.applyOk(f.anne, offers[0]["id"]);
    }

    TEST_CASE("ranking: priority, employer support, seniority, application time") {
        AppFixture f;
        const int64_t offer = f.parisHabitatOffer();
        const Me older = f.applicant("OLDER", "2019-01-01");
        const Me supported = f.applicant("SUPPO", "2023-01-01", "", 2, "ACLOG75");
        const Me priority = f.applicant("PRIOR", "2024-01-01", "DALO");
        const Me later = f.applicant("LATER", "2021-09-06");
        const Me anonymous = f.applicant("ANONY", "2018-01-01", "", 1, "ACLOG75");  // choice 1: no support
        const std::initializer_list<const Me*> all = {&f.anne, &older, &supported, &priority, &later, &anonymous};
        for (const Me* me : all) {
            f.applyOk(*me, offer);
            f.clock.advance(60);
        }
        const std::vector<std::pair<const Me*, int>> expected = {{&priority, 1}, {&supported, 2}, {&anonymous, 3},
                                                                 {&older, 4},    {&f.anne, 5},    {&later, 6}};
        for (const auto& [me, rank] : expected) {
            CAPTURE(rank);
            const Json a = f.current(*me)["active"];
            CHECK(a["position"]["rank"] == rank);
            CHECK(a["position"]["total"] == 6);
        }
        CHECK(f.current(f.anne)["active"]["rankText"].get<std::string>().find(
                  "Votre position dans le classement\u00A0: 5e sur 6 candidatures en cours d'examen") == 0);
        auto candidates = f.apps->candidates(f.advisor, offer);
        REQUIRE(candidates.ok());
        const Json& list = (*candidates.value)["candidates"];
        REQUIRE(list.size() == 6);
        for (int i = 0; i < 6; ++i) CHECK(list[i]["rank"] == i + 1);
        CHECK(list[0]["name"] == "CamillePRIOR PORTE");
        CHECK(list[0]["applicant"]["priority"] == "DALO");
        CHECK(list[1]["applicant"]["employerSupport"] == true);
        CHECK(list[2]["applicant"]["employerSupport"] == false);

        // A cancellation moves the others up.
        REQUIRE(f.apps->cancel(priority, idOf(f.current(priority)["active"])).ok());
        CHECK(f.current(f.anne)["active"]["position"] == Json{{"rank", 4}, {"total", 5}});

        auto help = f.apps->ranking(f.anne);
        REQUIRE(help.ok());
        CHECK((*help.value)["title"] == "Comment est calculée ma position\u202F?");
        const Json& p = (*help.value)["paragraphs"];
        CHECK(p.size() == 8);
        CHECK(p[1].get<std::string>().find("1. les situations prioritaires") == 0);
        CHECK(p.back().get<std::string>().find("Votre position\u00A0: 4 sur 5 candidatures.") == 0);
    }

    TEST_CASE("the whole loop: advisor, landlord, lease; the others are closed; e-mails and step 7") {
        AppFixture f;
        const int64_t offer = f.parisHabitatOffer();
        const Me second = f.applicant("SECON", "2022-01-01");
        const Me third = f.applicant("THIRD", "2022-06-01");
        const int64_t mine = idOf(f.applyOk(f.anne, offer));
        const int64_t other = idOf(f.applyOk(second, offer));
        const int64_t waiting = idOf(f.applyOk(third, offer));

        // The advisor's queue: steps 1-2, oldest first, with who applies.
        auto queue = f.apps->queue(f.advisor);
        REQUIRE(queue.ok());
        const Json& q = (*queue.value)["applications"];
        REQUIRE(q.size() == 3);
        CHECK(q[0]["id"] == mine);
        CHECK(q[0]["applicant"]["name"] == "Anne PORTE");
        CHECK(q[0]["applicant"]["nu"] == "1110920621114ACLOG");
        CHECK(q[0]["applicant"]["persons"] == 3);
        CHECK(q[0]["applicant"]["incomeText"].get<std::string>().find("Revenus 2023\u00A0: 46") == 0);
        CHECK(q[0]["offer"]["landlord"] == "Paris Habitat");
        CHECK(q[0]["total"] == 3);

        // Sending needs 1 to 3 validated applications of this offer.
        CHECK(f.apps->send(f.advisor, offer, {}).error->field == "applicationIds");
        CHECK(f.apps->send(f.advisor, offer, {mine, other, waiting, 99}).error->status == 422);
        CHECK(f.apps->send(f.advisor, offer, {mine, mine}).error->status == 422);
        CHECK(f.apps->send(f.advisor, offer, {mine}).error->code == "transition_refused");  // not validated
        CHECK(f.apps->send(f.advisor, offer + 1, {mine}).error->status == 422);             // another offer's
        REQUIRE(f.apps->validate(f.advisor, mine).ok());
        REQUIRE(f.apps->validate(f.advisor, other).ok());
        CHECK(f.apps->validate(f.advisor, mine).error->code == "transition_refused");
        auto sent = f.apps->send(f.advisor, offer, {mine, other});
        REQUIRE(sent.ok());
        CHECK((*sent.value)["message"] == "2 dossiers transmis au bailleur.");
        CHECK((*f.apps->queue(f.advisor).value)["applications"].size() == 1);  // the third, still waiting

        // The landlord sees its offer with the two candidates.
        auto own = f.apps->landlordOffers(f.landlord);
        REQUIRE(own.ok());
        REQUIRE((*own.value)["offers"].size() == 1);
        const Json& lo = (*own.value)["offers"][0];
        CHECK(lo["id"] == offer);
        CHECK(lo["status"] == "open");
        REQUIRE(lo["candidates"].size() == 2);
        CHECK(lo["candidates"][0]["applicationId"] == mine);
        CHECK(lo["candidates"][0]["stage"] == "sent_to_landlord");
        CHECK(lo["candidates"][0]["canSignLease"] == false);
        CHECK((*f.apps->landlordOffers(f.otherLandlord).value)["offers"].empty());

        auto contact = f.apps->contact(f.landlord, mine, "Visite le 02/12 à 10\u00A0h");
        REQUIRE(contact.ok());
        CHECK(f.apps->contact(f.landlord, mine, std::string(301, 'n')).error->field == "note");
        REQUIRE(f.apps->commission(f.landlord, mine).ok());
        CHECK(f.apps->decide(f.landlord, mine, "maybe", 0).error->field == "decision");
        CHECK(f.apps->decide(f.landlord, mine, "attribution_ranked", 0).error->field == "rank");
        REQUIRE(f.apps->decide(f.landlord, mine, "attribution", 0).ok());
        CHECK(f.current(f.anne)["active"]["statusText"] == "Logement attribué");
        REQUIRE(f.apps->commission(f.landlord, other).ok());  // straight to the commission (no contact)
        REQUIRE(f.apps->decide(f.landlord, other, "attribution_ranked", 2).ok());
        CHECK(f.apps->signLease(f.landlord, other).error->message ==
              "Le logement est d'abord proposé au candidat classé avant\u00A0: le bail ne peut pas encore être signé.");
        CHECK((*f.apps->landlordOffers(f.landlord).value)["offers"][0]["candidates"][0]["canSignLease"] == true);

        auto lease = f.apps->signLease(f.landlord, mine);
        REQUIRE(lease.ok());
        CHECK((*lease.value)["application"]["stage"] == "lease_signed");
        // Anne sees step 7, as her current application.
        const Json me = f.current(f.anne);
        REQUIRE(me["active"].is_object());
        CHECK(me["active"]["step"] == 7);
        CHECK(me["active"]["statusText"] == "Bail signé");
        CHECK(me["active"]["failed"] == false);
        CHECK(me["active"]["canCancel"] == false);
        CHECK(me["active"]["events"].size() == 7);
        CHECK(me["active"]["events"][3]["text"] ==
              "En cours d'instruction par le bailleur\u00A0: Visite le 02/12 à 10\u00A0h");
        // The other two are closed by the system, and free.
        for (const Me* m : {&second, &third}) {
            const Json h = f.current(*m);
            CHECK(h["active"].is_null());
            CHECK(h["history"][0]["stage"] == "closed");
            CHECK(h["history"][0]["failed"] == true);
            CHECK(h["unread"].get<int>() >= 1);
            CHECK(f.storage.listMailTo(m->email).front().subject ==
                  "Action Logement Services – Votre candidature\u00A0: Clôturée\u00A0: le logement n'est plus "
                  "disponible");
        }
        CHECK(f.offers->summary(offer)->offer.status == OfferStatus::Closed);
        CHECK(f.apps->apply(f.applicant("LATE1"), offer).error->code == "offer_closed");
        CHECK((*f.apps->landlordOffers(f.landlord).value)["offers"][0]["status"] == "closed");

        CHECK(f.subjects("anne.porte@example.fr") ==
              std::vector<std::string>{
                  "Action Logement Services – Votre candidature\u00A0: En attente",
                  "Action Logement Services – Votre candidature\u00A0: Validée par Action Logement",
                  "Action Logement Services – Votre candidature\u00A0: Transmise au bailleur",
                  "Action Logement Services – Votre candidature\u00A0: En cours d'instruction par le bailleur",
                  "Action Logement Services – Votre candidature\u00A0: En commission d'attribution",
                  "Action Logement Services – Votre candidature\u00A0: Logement attribué",
                  "Action Logement Services – Votre candidature\u00A0: Bail signé"});
        CHECK(f.storage.listMailTo("anne.porte@example.fr")[3].body.find(
                  "Message du bailleur\u00A0: Visite le 02/12") != std::string::npos);
        CHECK(f.current(f.anne)["unread"] == 1);  // every change by someone else flags it
    }

    TEST_CASE("conditional attribution: the lease waits for the document") {
        AppFixture f;
        const int64_t offer = f.parisHabitatOffer();
        const int64_t id = idOf(f.applyOk(f.anne, offer));
        f.toCommission(id, offer);
        REQUIRE(f.apps->decide(f.landlord, id, "attribution_conditional", 0).ok());
        CHECK(f.apps->signLease(f.landlord, id).error->message ==
              "Le bail ne peut être signé qu'une fois la pièce manquante fournie.");
        auto document = f.apps->provideDocument(f.landlord, id);
        REQUIRE(document.ok());
        CHECK((*document.value)["application"]["statusText"] == "Logement attribué");
        REQUIRE(f.apps->signLease(f.landlord, id).ok());
    }

    TEST_CASE("non-attribution ends the application and frees the applicant") {
        AppFixture f;
        const std::vector<Json> offers = f.eligible("Paris Habitat");
        const int64_t offer = offers[0]["id"];
        const int64_t id = idOf(f.applyOk(f.anne, offer));
        f.toCommission(id, offer);
        REQUIRE(f.apps->decide(f.landlord, id, "non_attribution", 0).ok());
        const Json mine = f.current(f.anne);
        CHECK(mine["active"].is_null());
        CHECK(mine["history"][0]["outcomeText"] ==
              "Non retenue\u00A0: décision de la commission d'attribution du 26/11/2026");
        CHECK(mine["history"][0]["step"] == 6);
        f.applyOk(f.anne, offers[1]["id"]);
    }

    TEST_CASE("roles: every staff route refuses the other roles, applicants' routes refuse staff") {
        AppFixture f;
        const int64_t offer = f.parisHabitatOffer();
        const int64_t id = idOf(f.applyOk(f.anne, offer));
        using Call = std::function<Result<Json>(const Me&)>;
        const std::vector<std::pair<std::string, Call>> advisorRoutes = {
            {"queue", [&](const Me& me) { return f.apps->queue(me); }},
            {"validate", [&](const Me& me) { return f.apps->validate(me, id); }},
            {"invalidate", [&](const Me& me) { return f.apps->invalidate(me, id, "Motif valable"); }},
            {"candidates", [&](const Me& me) { return f.apps->candidates(me, offer); }},
            {"send", [&](const Me& me) { return f.apps->send(me, offer, {id}); }},
        };
        const std::vector<std::pair<std::string, Call>> landlordRoutes = {
            {"offers", [&](const Me& me) { return f.apps->landlordOffers(me); }},
            {"contact", [&](const Me& me) { return f.apps->contact(me, id, ""); }},
            {"commission", [&](const Me& me) { return f.apps->commission(me, id); }},
            {"decision", [&](const Me& me) { return f.apps->decide(me, id, "attribution", 0); }},
            {"document", [&](const Me& me) { return f.apps->provideDocument(me, id); }},
            {"lease", [&](const Me& me) { return f.apps->signLease(me, id); }},
        };
        const std::vector<std::pair<std::string, Call>> employerRoutes = {
            {"requests", [&](const Me& me) { return f.apps->employerRequests(me); }},
        };
        const std::vector<std::pair<std::string, Call>> applicantRoutes = {
            {"apply", [&](const Me& me) { return f.apps->apply(me, offer); }},
            {"mine", [&](const Me& me) { return f.apps->mine(me); }},
            {"cancel", [&](const Me& me) { return f.apps->cancel(me, id); }},
            {"read", [&](const Me& me) { return f.apps->markRead(me); }},
        };
        auto refused = [](const Result<Json>& r) {
            return !r.ok() && r.error->status == 403 && r.error->code == "forbidden";
        };
        for (const auto& [name, call] : advisorRoutes)
            for (const Me* me : {&f.anne, &f.landlord, &f.employer}) {
                CAPTURE(name);
                CAPTURE(domain::roleCode(me->role));
                CHECK(refused(call(*me)));
            }
        for (const auto& [name, call] : landlordRoutes)
            for (const Me* me : {&f.anne, &f.advisor, &f.employer}) {
                CAPTURE(name);
                CAPTURE(domain::roleCode(me->role));
                CHECK(refused(call(*me)));
            }
        for (const auto& [name, call] : employerRoutes)
            for (const Me* me : {&f.anne, &f.advisor, &f.landlord}) CHECK(refused(call(*me)));
        for (const auto& [name, call] : applicantRoutes)
            for (const Me* me : {&f.advisor, &f.landlord, &f.employer}) {
                CAPTURE(name);
                CAPTURE(domain::roleCode(me->role));
                CHECK(refused(call(*me)));
            }
        // Nothing moved.
        CHECK(f.current(f.anne)["active"]["stage"] == "submitted");
    }

    TEST_CASE("ownership: a landlord only acts on its own offers' applications") {
        AppFixture f;
        const int64_t offer = f.parisHabitatOffer();
        const int64_t id = idOf(f.applyOk(f.anne, offer));
        REQUIRE(f.apps->validate(f.advisor, id).ok());
        REQUIRE(f.apps->send(f.advisor, offer, {id}).ok());
        CHECK(f.apps->contact(f.otherLandlord, id, "").error->code == "forbidden");
        CHECK(f.apps->commission(f.otherLandlord, id).error->code == "forbidden");
        CHECK(f.apps->decide(f.otherLandlord, id, "attribution", 0).error->code == "forbidden");
        CHECK(f.apps->signLease(f.otherLandlord, id).error->code == "forbidden");
        CHECK(f.apps->commission(f.landlord, 999999).error->code == "application_unknown");
        CHECK(f.current(f.anne)["active"]["stage"] == "sent_to_landlord");
        // A landlord's application on another landlord's offer.
        int64_t foreignOffer = 0;
        for (const Json& o : f.eligible())
            if (o["landlord"] != "Paris Habitat") foreignOffer = o["id"];
        REQUIRE(foreignOffer);
        const Me camille = f.applicant("FORGN");
        const int64_t foreign = idOf(f.applyOk(camille, foreignOffer));
        REQUIRE(f.apps->validate(f.advisor, foreign).ok());
        REQUIRE(f.apps->send(f.advisor, foreignOffer, {foreign}).ok());
        CHECK(f.apps->contact(f.landlord, foreign, "").error->code == "forbidden");
        const Result<Json> own = f.apps->landlordOffers(f.landlord);
        REQUIRE(own.ok());
        for (const Json& o : (*own.value)["offers"]) CHECK(o["id"] != foreignOffer);
    }

    TEST_CASE("employer: its SIRET only, within each data-sharing choice") {
        AppFixture f;
        const int64_t offer = f.parisHabitatOffer();
        f.applyOk(f.anne, offer);  // choice 3
        const Me two = f.applicant("CHOI2", "2022-01-01", "", 2);
        const Me one = f.applicant("CHOI1", "2022-01-01", "", 1);
        const Me elsewhere = meOf(f.storage, addUser(f.storage, "ailleurs@example.fr"));
        RegistryRequest r = lookalike("ELSEW", "2022-01-01");
        r.applicant.employerSiret = "73282932000074";
        addValidatedFile(f.storage, elsewhere.id, r, 3);

        auto mine = f.apps->employerRequests(f.employer);
        REQUIRE(mine.ok());
        const Json& list = (*mine.value)["requests"];
        REQUIRE(list.size() == 2);  // Anne (3) and CHOI2 (2); choice 1 not listed; another SIRET not listed
        const Json& full = list[0]["choice"] == 3 ? list[0] : list[1];
        const Json& limited = list[0]["choice"] == 2 ? list[0] : list[1];
        // The fields are an ordered list of {key, label, value} (not an object keyed
        // by French labels, which the JSON library sorts alphabetically).
        REQUIRE(full["fields"].is_array());
        auto value = [](const Json& item, const std::string& key) {
            for (const Json& f : item["fields"])
                if (f["key"] == key) return f["value"].get<std::string>();
            return std::string("<absent>");
        };
        auto labels = [](const Json& item) {
            std::vector<std::string> v;
            for (const Json& f : item["fields"]) v.push_back(f["label"]);
            return v;
        };
        CHECK(value(full, "lastName") == "PORTE");
        CHECK(value(full, "numeroUnique") == "1110920621114ACLOG");
        CHECK(value(full, "employerSiret") == "82454114802432");
        CHECK(value(full, "employerName") == "Entreprise Exemple");
        CHECK(value(full, "wishedCommunes") == "Paris (75), Boulogne-Billancourt (92), Versailles (78)");
        CHECK(value(full, "severalEmployers") == "Oui");
        CHECK(value(full, "phone") == "06 04 50 57 92");  // formatted, never +33604505792
        // The workplace the request gives ("code postal/commune du lieu de travail").
        CHECK(value(full, "workplace") == "75001 Paris");
        const std::vector<std::string> fullLabels = labels(full);
        REQUIRE(fullLabels.size() >= 5);
        CHECK(fullLabels[0] == "Numéro unique");
        CHECK(fullLabels[1] == "Civilité");
        CHECK(fullLabels[2] == "Nom");
        CHECK(fullLabels[3] == "Prénom");  // next to "Nom"
        CHECK(full["applications"].size() == 1);
        CHECK(full["applications"][0]["statusText"] == "En attente");
        CHECK(value(limited, "firstName") == "CamilleCHOI2");
        CHECK(value(limited, "birthDate") == "19/05/1989");
        // Choice 2: the guide's list, in the guide's order.
        CHECK(labels(limited) == std::vector<std::string>{"Civilité", "Nom", "Prénom", "Date de naissance", "E-mail",
                                                          "Employeur", "SIRET", "Plusieurs employeurs",
                                                          "Lieu de travail", "Commune actuelle",
                                                          "Localisation souhaitée"});
        CHECK(value(limited, "numeroUnique") == "<absent>");
        CHECK(value(limited, "household") == "<absent>");
        CHECK_FALSE(limited.contains("applications"));
        const std::string dump = list.dump();
        CHECK(dump.find("2890575114023") == std::string::npos);  // never the NIR
        CHECK(dump.find("CHOI1") == std::string::npos);
        CHECK(dump.find("ELSEW") == std::string::npos);

        auto other = f.apps->employerRequests(f.otherEmployer);
        REQUIRE(other.ok());
        REQUIRE((*other.value)["requests"].size() == 1);
        CHECK(value((*other.value)["requests"][0], "firstName") == "CamilleELSEW");
    }
}

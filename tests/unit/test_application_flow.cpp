// Application state machine (guide §6): every allowed transition, and every
// other (state, event, actor) combination refused with a catalogue key.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "domain/application_flow.h"
#include "i18n/catalog.h"

using namespace alin::domain;

namespace {

using Stage = ApplicationStage;
using Ev = ApplicationEventType;
using D = CommissionDecision;

ApplicationState st(Stage stage, int step, D decision = D::None, int rank = 0) {
    return {stage, decision, static_cast<std::uint8_t>(rank), static_cast<std::uint8_t>(step)};
}

// One state per stage and decision worth telling apart.
const std::map<std::string, ApplicationState>& states() {
    static const std::map<std::string, ApplicationState> m = {
        {"submitted", st(Stage::Submitted, 1)},
        {"validated", st(Stage::Validated, 2)},
        {"sent", st(Stage::SentToLandlord, 3)},
        {"contact", st(Stage::LandlordContact, 4)},
        {"commission", st(Stage::Commission, 5)},
        {"attribution", st(Stage::Decided, 6, D::Attribution)},
        {"ranked1", st(Stage::Decided, 6, D::AttributionRanked, 1)},
        {"ranked2", st(Stage::Decided, 6, D::AttributionRanked, 2)},
        {"ranked3", st(Stage::Decided, 6, D::AttributionRanked, 3)},
        {"conditional", st(Stage::Decided, 6, D::AttributionConditional)},
        {"lease", st(Stage::LeaseSigned, 7, D::Attribution)},
        {"cancelled1", st(Stage::Cancelled, 1)},
        {"cancelled2", st(Stage::Cancelled, 2)},
        {"invalidated", st(Stage::Invalidated, 2)},
        {"non_attribution", st(Stage::Refused, 6, D::NonAttribution)},
        {"inadmissible", st(Stage::Refused, 6, D::Inadmissible)},
        {"declined", st(Stage::Declined, 6, D::Attribution)},
        {"closed3", st(Stage::Closed, 3)},
        {"closed6", st(Stage::Closed, 6, D::AttributionRanked, 2)},
    };
    return m;
}

// Every event, with the decision variants of RecordDecision.
const std::map<std::string, ApplicationEvent>& events() {
    static const std::map<std::string, ApplicationEvent> m = {
        {"cancel", {Ev::Cancel}},
        {"validate", {Ev::Validate}},
        {"invalidate", {Ev::Invalidate}},
        {"send", {Ev::SendToLandlord}},
        {"contact", {Ev::LandlordContact}},
        {"schedule", {Ev::ScheduleCommission}},
        {"decide_none", {Ev::RecordDecision, D::None}},
        {"decide_attribution", {Ev::RecordDecision, D::Attribution}},
        {"decide_ranked0", {Ev::RecordDecision, D::AttributionRanked, 0}},
        {"decide_ranked1", {Ev::RecordDecision, D::AttributionRanked, 1}},
        {"decide_ranked2", {Ev::RecordDecision, D::AttributionRanked, 2}},
        {"decide_ranked3", {Ev::RecordDecision, D::AttributionRanked, 3}},
        {"decide_ranked4", {Ev::RecordDecision, D::AttributionRanked, 4}},
        {"decide_conditional", {Ev::RecordDecision, D::AttributionConditional}},
        {"decide_non_attribution", {Ev::RecordDecision, D::NonAttribution}},
        {"decide_inadmissible", {Ev::RecordDecision, D::Inadmissible}},
        {"document", {Ev::ProvideDocument}},
        {"move_up", {Ev::MoveUpRank}},
        {"decline", {Ev::Decline}},
        {"sign", {Ev::SignLease}},
        {"close", {Ev::Close}},
    };
    return m;
}

constexpr Actor kActors[] = {Actor::Applicant, Actor::Advisor, Actor::Landlord, Actor::System};

struct Allowed {
    const char* from;
    const char* event;
    Actor actor;
    ApplicationState to;
};

// The complete list of accepted transitions.
std::vector<Allowed> allowedTransitions() {
    std::vector<Allowed> t = {
        // Step 1-2: the applicant may cancel; Action Logement validates or not.
        {"submitted", "cancel", Actor::Applicant, st(Stage::Cancelled, 1)},
        {"validated", "cancel", Actor::Applicant, st(Stage::Cancelled, 2)},
        {"submitted", "validate", Actor::Advisor, st(Stage::Validated, 2)},
        {"submitted", "invalidate", Actor::Advisor, st(Stage::Invalidated, 2)},
        {"validated", "invalidate", Actor::Advisor, st(Stage::Invalidated, 2)},
        // Step 3: sent to the landlord.
        {"validated", "send", Actor::Advisor, st(Stage::SentToLandlord, 3)},
        {"validated", "send", Actor::System, st(Stage::SentToLandlord, 3)},
        // Step 4 (optional) and 5.
        {"sent", "contact", Actor::Landlord, st(Stage::LandlordContact, 4)},
        {"contact", "contact", Actor::Landlord, st(Stage::LandlordContact, 4)},
        {"sent", "schedule", Actor::Landlord, st(Stage::Commission, 5)},
        {"contact", "schedule", Actor::Landlord, st(Stage::Commission, 5)},
        // Step 6: the CALEOL decision.
        {"commission", "decide_attribution", Actor::Landlord, st(Stage::Decided, 6, D::Attribution)},
        {"commission", "decide_ranked1", Actor::Landlord, st(Stage::Decided, 6, D::AttributionRanked, 1)},
        {"commission", "decide_ranked2", Actor::Landlord, st(Stage::Decided, 6, D::AttributionRanked, 2)},
        {"commission", "decide_ranked3", Actor::Landlord, st(Stage::Decided, 6, D::AttributionRanked, 3)},
        {"commission", "decide_conditional", Actor::Landlord, st(Stage::Decided, 6, D::AttributionConditional)},
        {"commission", "decide_non_attribution", Actor::Landlord, st(Stage::Refused, 6, D::NonAttribution)},
        {"commission", "decide_inadmissible", Actor::Landlord, st(Stage::Refused, 6, D::Inadmissible)},
        {"conditional", "document", Actor::Landlord, st(Stage::Decided, 6, D::Attribution)},
        {"ranked2", "move_up", Actor::Landlord, st(Stage::Decided, 6, D::AttributionRanked, 1)},
        {"ranked2", "move_up", Actor::System, st(Stage::Decided, 6, D::AttributionRanked, 1)},
        {"ranked3", "move_up", Actor::Landlord, st(Stage::Decided, 6, D::AttributionRanked, 2)},
        {"ranked3", "move_up", Actor::System, st(Stage::Decided, 6, D::AttributionRanked, 2)},
        // Step 7: the lease (rank 1 or plain attribution only).
        {"attribution", "sign", Actor::Landlord, st(Stage::LeaseSigned, 7, D::Attribution)},
        {"ranked1", "sign", Actor::Landlord, st(Stage::LeaseSigned, 7, D::AttributionRanked, 1)},
    };
    // The applicant (or the landlord for them) may decline any attribution.
    for (const char* from : {"attribution", "ranked1", "ranked2", "ranked3", "conditional"})
        for (Actor a : {Actor::Applicant, Actor::Landlord}) {
            const ApplicationState& s = states().at(from);
            t.push_back({from, "decline", a, st(Stage::Declined, 6, s.decision, s.rank)});
        }
    // Any active application can be closed (dwelling given to someone else, offer withdrawn).
    for (const char* from : {"submitted", "validated", "sent", "contact", "commission", "attribution", "ranked1",
                             "ranked2", "ranked3", "conditional"})
        for (Actor a : {Actor::Landlord, Actor::Advisor, Actor::System}) {
            const ApplicationState& s = states().at(from);
            t.push_back({from, "close", a, st(Stage::Closed, s.step, s.decision, s.rank)});
        }
    return t;
}

}  // namespace

TEST_CASE("application flow: every (state, event, actor), allowed or refused") {
    const std::vector<Allowed> allowed = allowedTransitions();
    for (const Allowed& a : allowed) {
        REQUIRE(states().count(a.from) == 1);
        REQUIRE(events().count(a.event) == 1);
    }
    int accepted = 0, refused = 0;
    for (const auto& stateEntry : states()) {
        const std::string& stateName = stateEntry.first;  // (no structured bindings: CAPTURE is a lambda)
        const ApplicationState& state = stateEntry.second;
        REQUIRE(isCoherent(state));
        for (const auto& eventEntry : events()) {
            const std::string& eventName = eventEntry.first;
            const ApplicationEvent& event = eventEntry.second;
            for (Actor actor : kActors) {
                CAPTURE(stateName);
                CAPTURE(eventName);
                CAPTURE(actorCode(actor));
                const Allowed* expected = nullptr;
                for (const Allowed& a : allowed)
                    if (stateName == a.from && eventName == a.event && a.actor == actor) expected = &a;
                const TransitionResult r = transition(state, event, actor);
                if (expected) {
                    ++accepted;
                    CHECK(r.accepted);
                    CHECK(r.refusalKey == nullptr);
                    CHECK(r.state == expected->to);
                    CHECK(isCoherent(r.state));
                } else {
                    ++refused;
                    CHECK_FALSE(r.accepted);
                    CHECK(r.state == state);
                    REQUIRE(r.refusalKey != nullptr);
                    CHECK(std::string(tr(r.refusalKey)) != r.refusalKey);
                }
            }
        }
    }
    CHECK(accepted == static_cast<int>(allowed.size()));
    CHECK(accepted + refused == static_cast<int>(states().size() * events().size() * 4));
}

TEST_CASE("application flow: refusal reasons") {
    struct Case {
        const char* state;
        const char* event;
        Actor actor;
        const char* key;
    };
    const Case cases[] = {
        {"submitted", "validate", Actor::Applicant, "application.error.actor"},
        {"submitted", "cancel", Actor::Advisor, "application.error.actor"},
        {"sent", "sign", Actor::Advisor, "application.error.actor"},
        {"lease", "cancel", Actor::Advisor, "application.error.actor"},  // the actor is checked first
        {"sent", "cancel", Actor::Applicant, "application.error.cancel_after_sent"},
        {"contact", "cancel", Actor::Applicant, "application.error.cancel_after_sent"},
        {"commission", "cancel", Actor::Applicant, "application.error.cancel_after_sent"},
        {"attribution", "cancel", Actor::Applicant, "application.error.cancel_after_sent"},
        {"cancelled1", "cancel", Actor::Applicant, "application.error.finished"},
        {"invalidated", "validate", Actor::Advisor, "application.error.finished"},
        {"lease", "close", Actor::System, "application.error.finished"},
        {"closed3", "contact", Actor::Landlord, "application.error.finished"},
        {"submitted", "send", Actor::System, "application.error.not_validated"},
        {"validated", "validate", Actor::Advisor, "application.error.wrong_step"},
        {"sent", "invalidate", Actor::Advisor, "application.error.wrong_step"},
        {"submitted", "schedule", Actor::Landlord, "application.error.wrong_step"},
        {"sent", "decide_attribution", Actor::Landlord, "application.error.wrong_step"},
        {"commission", "decide_none", Actor::Landlord, "application.error.decision_required"},
        {"commission", "decide_ranked0", Actor::Landlord, "application.error.rank"},
        {"commission", "decide_ranked4", Actor::Landlord, "application.error.rank"},
        {"conditional", "sign", Actor::Landlord, "application.error.lease_conditional"},
        {"ranked2", "sign", Actor::Landlord, "application.error.lease_rank"},
        {"ranked1", "move_up", Actor::System, "application.error.wrong_step"},
        {"attribution", "document", Actor::Landlord, "application.error.wrong_step"},
        {"commission", "decline", Actor::Applicant, "application.error.wrong_step"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.state);
        CAPTURE(c.event);
        const TransitionResult r = transition(states().at(c.state), events().at(c.event), c.actor);
        CHECK_FALSE(r.accepted);
        CHECK(std::string(r.refusalKey) == c.key);
    }
    CHECK(std::string(tr("application.error.cancel_after_sent")) ==
          "Votre dossier a été transmis au bailleur : la candidature ne peut plus être annulée.");
}

TEST_CASE("application flow: tracker, activity, cancellation, status") {
    struct Case {
        const char* state;
        int step;
        bool active;
        const char* cancelKey;  // nullptr: can cancel
        const char* status;
    };
    const Case cases[] = {
        {"submitted", 1, true, nullptr, "En attente"},
        {"validated", 2, true, nullptr, "Validée par Action Logement"},
        {"sent", 3, true, "application.error.cancel_after_sent", "Transmise au bailleur"},
        {"contact", 4, true, "application.error.cancel_after_sent", "En cours d'instruction par le bailleur"},
        {"commission", 5, true, "application.error.cancel_after_sent", "En commission d'attribution"},
        {"attribution", 6, true, "application.error.cancel_after_sent", "Logement attribué"},
        {"ranked2", 6, true, "application.error.cancel_after_sent", "Attribution classée au rang 2"},
        {"conditional", 6, true, "application.error.cancel_after_sent",
         "Attribution sous réserve d'une pièce manquante"},
        {"lease", 7, false, "application.error.finished", "Bail signé"},
        {"cancelled1", 1, false, "application.error.finished", "Annulée"},
        {"cancelled2", 2, false, "application.error.finished", "Annulée"},
        {"invalidated", 2, false, "application.error.finished", "Non validée par Action Logement"},
        {"non_attribution", 6, false, "application.error.finished", "Non retenue"},
        {"inadmissible", 6, false, "application.error.finished", "Irrecevable"},
        {"declined", 6, false, "application.error.finished", "Logement refusé"},
        {"closed3", 3, false, "application.error.finished", "Clôturée : le logement n'est plus disponible"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.state);
        const ApplicationState& s = states().at(c.state);
        CHECK(currentStep(s) == c.step);
        CHECK(isActive(s) == c.active);
        CHECK(isTerminal(s.stage) == !c.active);
        const Permission p = canCancel(s);
        CHECK(static_cast<bool>(p) == (c.cancelKey == nullptr));
        if (c.cancelKey) CHECK(std::string(p.reasonKey) == c.cancelKey);
        CHECK(statusText(s) == c.status);
    }
    CHECK(initialApplicationState() == states().at("submitted"));
    for (int step = 1; step <= kApplicationStepCount; ++step) {
        CHECK(std::string(tr(stepLabelKey(step))) != stepLabelKey(step));
        CHECK(std::string(tr(stepHelpKey(step))) != stepHelpKey(step));
    }
    CHECK(std::string(tr(stepLabelKey(1))) == "Candidature déposée");
    CHECK(std::string(tr(stepLabelKey(5))) == "Commission CALEOL");
    CHECK(std::string(tr(stepLabelKey(7))) == "Bail signé");
    CHECK(std::string(stepLabelKey(0)) == "application.step.unknown");
    CHECK(std::string(stepLabelKey(8)) == "application.step.unknown");
}

TEST_CASE("application flow: one active application at a time") {
    const std::vector<ApplicationState> none;
    CHECK(canApply(none));
    const std::vector<ApplicationState> archived = {states().at("invalidated"), states().at("non_attribution"),
                                                    states().at("cancelled2"), states().at("closed6")};
    CHECK(canApply(archived));
    std::vector<ApplicationState> withActive = archived;
    withActive.push_back(states().at("sent"));
    const Permission p = canApply(withActive);
    CHECK_FALSE(p);
    CHECK(std::string(p.reasonKey) == kRuleOfOneKey);
    CHECK(std::string(p.reasonKey) == "applications.error.already_active");
}

TEST_CASE("application flow: a whole journey") {
    ApplicationState s = initialApplicationState();
    const std::pair<ApplicationEvent, Actor> journey[] = {
        {{Ev::Validate}, Actor::Advisor},
        {{Ev::SendToLandlord}, Actor::System},
        {{Ev::LandlordContact}, Actor::Landlord},
        {{Ev::ScheduleCommission}, Actor::Landlord},
        {{Ev::RecordDecision, D::AttributionRanked, 2}, Actor::Landlord},
        {{Ev::MoveUpRank}, Actor::System},
        {{Ev::SignLease}, Actor::Landlord},
    };
    int step = 1;
    for (const auto& [event, actor] : journey) {
        const TransitionResult r = transition(s, event, actor);
        REQUIRE(r.accepted);
        CHECK(currentStep(r.state) >= step);
        step = currentStep(r.state);
        s = r.state;
    }
    CHECK(s == st(Stage::LeaseSigned, 7, D::AttributionRanked, 1));
    CHECK_FALSE(isActive(s));
}

TEST_CASE("application flow: codes and coherence") {
    for (int i = 0; i < kApplicationStageCount; ++i)
        CHECK(parseStage(stageCode(static_cast<Stage>(i))) == static_cast<Stage>(i));
    for (int i = 0; i < kApplicationEventCount; ++i)
        CHECK(parseEventType(eventCode(static_cast<Ev>(i))) == static_cast<Ev>(i));
    for (int i = 0; i <= static_cast<int>(D::Inadmissible); ++i)
        CHECK(parseDecision(decisionCode(static_cast<D>(i))) == static_cast<D>(i));
    for (Actor a : kActors) CHECK(parseActor(actorCode(a)) == a);
    CHECK(stageCode(Stage::SentToLandlord) == "sent_to_landlord");
    CHECK(decisionCode(D::AttributionRanked) == "attribution_ranked");
    CHECK(eventCode(Ev::Cancel) == "cancel");
    CHECK_FALSE(parseStage("Submitted"));
    CHECK_FALSE(parseActor(""));
    CHECK(stageCode(static_cast<Stage>(40)) == "unknown");

    const ApplicationState incoherent[] = {
        st(Stage::Submitted, 2),
        st(Stage::Submitted, 1, D::Attribution),
        st(Stage::Decided, 6),
        st(Stage::Decided, 6, D::AttributionRanked, 0),
        st(Stage::Decided, 6, D::AttributionRanked, 4),
        st(Stage::Decided, 6, D::Attribution, 1),
        st(Stage::Refused, 6, D::Attribution),
        st(Stage::LeaseSigned, 7, D::AttributionConditional),
        st(Stage::LeaseSigned, 7, D::AttributionRanked, 2),
        st(Stage::Cancelled, 3),
        st(Stage::Closed, 7, D::Attribution),
        st(Stage::Closed, 4, D::Attribution),
        st(Stage::Validated, 0),
        st(static_cast<Stage>(30), 1),
    };
    for (const ApplicationState& s : incoherent) {
        CAPTURE(stageCode(s.stage));
        CAPTURE(static_cast<int>(s.step));
        CHECK_FALSE(isCoherent(s));
    }
}

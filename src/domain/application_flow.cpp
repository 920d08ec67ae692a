#include "domain/application_flow.h"

#include <algorithm>

#include "i18n/catalog.h"

namespace alin::domain {
namespace {

using Stage = ApplicationStage;
using Event = ApplicationEventType;
using Decision = CommissionDecision;

constexpr const char* kErrActor = "application.error.actor";
constexpr const char* kErrFinished = "application.error.finished";
constexpr const char* kErrWrongStep = "application.error.wrong_step";
constexpr const char* kErrCancelAfterSent = "application.error.cancel_after_sent";
constexpr const char* kErrNotValidated = "application.error.not_validated";
constexpr const char* kErrDecisionRequired = "application.error.decision_required";
constexpr const char* kErrRank = "application.error.rank";
constexpr const char* kErrLeaseConditional = "application.error.lease_conditional";
constexpr const char* kErrLeaseRank = "application.error.lease_rank";

constexpr unsigned bit(Actor a) {
    return 1u << static_cast<unsigned>(a);
}

// Who may send each event.
unsigned allowedActors(Event e) {
    switch (e) {
        case Event::Cancel:
            return bit(Actor::Applicant);
        case Event::Validate:
        case Event::Invalidate:
            return bit(Actor::Advisor);
        case Event::SendToLandlord:
            return bit(Actor::Advisor) | bit(Actor::System);
        case Event::LandlordContact:
        case Event::ScheduleCommission:
        case Event::RecordDecision:
        case Event::ProvideDocument:
        case Event::SignLease:
            return bit(Actor::Landlord);
        case Event::MoveUpRank:
            return bit(Actor::Landlord) | bit(Actor::System);
        case Event::Decline:
            return bit(Actor::Applicant) | bit(Actor::Landlord);
        case Event::Close:
            return bit(Actor::Landlord) | bit(Actor::Advisor) | bit(Actor::System);
    }
    return 0;
}

bool isAttribution(Decision d) {
    return d == Decision::Attribution || d == Decision::AttributionRanked || d == Decision::AttributionConditional;
}

TransitionResult accept(ApplicationState s) {
    return {true, s, nullptr};
}
TransitionResult refuse(const ApplicationState& s, const char* key) {
    return {false, s, key};
}

ApplicationState at(Stage stage, std::uint8_t step, Decision decision = Decision::None, std::uint8_t rank = 0) {
    return {stage, decision, rank, step};
}

std::uint8_t keptStep(const ApplicationState& s) {
    return static_cast<std::uint8_t>(std::clamp<int>(s.step, 1, kApplicationStepCount));
}

constexpr std::string_view kStageCodes[kApplicationStageCount] = {
    "submitted",    "validated", "sent_to_landlord", "landlord_contact", "commission", "decided",
    "lease_signed", "cancelled", "invalidated",      "refused",          "declined",   "closed",
};
constexpr std::string_view kDecisionCodes[] = {
    "none", "attribution", "attribution_ranked", "attribution_conditional", "non_attribution", "inadmissible",
};
constexpr std::string_view kEventCodes[kApplicationEventCount] = {
    "cancel",           "validate",         "invalidate",
    "send_to_landlord", "landlord_contact", "schedule_commission",
    "record_decision",  "provide_document", "move_up_rank",
    "decline",          "sign_lease",       "close",
};
constexpr std::string_view kActorCodes[] = {"applicant", "advisor", "landlord", "system"};

template <typename E, std::size_t N>
std::optional<E> parseCode(const std::string_view (&codes)[N], std::string_view code) {
    for (std::size_t i = 0; i < N; ++i)
        if (codes[i] == code) return static_cast<E>(i);
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view codeOf(const std::string_view (&codes)[N], E value) {
    const auto i = static_cast<std::size_t>(value);
    return i < N ? codes[i] : std::string_view("unknown");
}

}  // namespace

ApplicationState initialApplicationState() {
    return {};
}

bool isTerminal(ApplicationStage stage) {
    switch (stage) {
        case Stage::LeaseSigned:
        case Stage::Cancelled:
        case Stage::Invalidated:
        case Stage::Refused:
        case Stage::Declined:
        case Stage::Closed:
            return true;
        default:
            return false;
    }
}

bool isActive(const ApplicationState& state) {
    return !isTerminal(state.stage);
}

int currentStep(const ApplicationState& state) {
    return keptStep(state);
}

TransitionResult transition(const ApplicationState& s, const ApplicationEvent& e, Actor actor) {
    if ((allowedActors(e.type) & bit(actor)) == 0) return refuse(s, kErrActor);
    if (isTerminal(s.stage)) return refuse(s, kErrFinished);

    switch (e.type) {
        case Event::Cancel:
            if (s.stage == Stage::Submitted || s.stage == Stage::Validated)
                return accept(at(Stage::Cancelled, keptStep(s)));
            return refuse(s, kErrCancelAfterSent);

        case Event::Validate:
            if (s.stage == Stage::Submitted) return accept(at(Stage::Validated, 2));
            return refuse(s, kErrWrongStep);

        case Event::Invalidate:
            if (s.stage == Stage::Submitted || s.stage == Stage::Validated) return accept(at(Stage::Invalidated, 2));
            return refuse(s, kErrWrongStep);

        case Event::SendToLandlord:
            if (s.stage == Stage::Validated) return accept(at(Stage::SentToLandlord, 3));
            if (s.stage == Stage::Submitted) return refuse(s, kErrNotValidated);
            return refuse(s, kErrWrongStep);

        case Event::LandlordContact:
            if (s.stage == Stage::SentToLandlord || s.stage == Stage::LandlordContact)
                return accept(at(Stage::LandlordContact, 4));
            return refuse(s, kErrWrongStep);

        case Event::ScheduleCommission:
            if (s.stage == Stage::SentToLandlord || s.stage == Stage::LandlordContact)
                return accept(at(Stage::Commission, 5));
            return refuse(s, kErrWrongStep);

        case Event::RecordDecision:
            if (s.stage != Stage::Commission) return refuse(s, kErrWrongStep);
            switch (e.decision) {
                case Decision::Attribution:
                case Decision::AttributionConditional:
                    return accept(at(Stage::Decided, 6, e.decision));
                case Decision::AttributionRanked:
                    if (e.rank < 1 || e.rank > 3) return refuse(s, kErrRank);
                    return accept(at(Stage::Decided, 6, e.decision, e.rank));
                case Decision::NonAttribution:
                case Decision::Inadmissible:
                    return accept(at(Stage::Refused, 6, e.decision));
                case Decision::None:
                    break;
            }
            return refuse(s, kErrDecisionRequired);

        case Event::ProvideDocument:
            if (s.stage == Stage::Decided && s.decision == Decision::AttributionConditional)
                return accept(at(Stage::Decided, 6, Decision::Attribution));
            return refuse(s, kErrWrongStep);

        case Event::MoveUpRank:
            if (s.stage == Stage::Decided && s.decision == Decision::AttributionRanked && s.rank >= 2)
                return accept(
                    at(Stage::Decided, 6, Decision::AttributionRanked, static_cast<std::uint8_t>(s.rank - 1)));
            return refuse(s, kErrWrongStep);

        case Event::Decline:
            if (s.stage == Stage::Decided) return accept(at(Stage::Declined, 6, s.decision, s.rank));
            return refuse(s, kErrWrongStep);

        case Event::SignLease:
            if (s.stage != Stage::Decided) return refuse(s, kErrWrongStep);
            if (s.decision == Decision::AttributionConditional) return refuse(s, kErrLeaseConditional);
            if (s.decision == Decision::AttributionRanked && s.rank != 1) return refuse(s, kErrLeaseRank);
            return accept(at(Stage::LeaseSigned, 7, s.decision, s.rank));

        case Event::Close:
            return accept(at(Stage::Closed, keptStep(s), s.decision, s.rank));
    }
    return refuse(s, kErrWrongStep);
}

Permission canCancel(const ApplicationState& state) {
    const TransitionResult r = transition(state, {Event::Cancel}, Actor::Applicant);
    return {r.accepted, r.refusalKey};
}

Permission canApply(std::span<const ApplicationState> existing) {
    for (const ApplicationState& s : existing)
        if (isActive(s)) return {false, kRuleOfOneKey};
    return {true, nullptr};
}

bool isCoherent(const ApplicationState& s) {
    if (static_cast<int>(s.stage) >= kApplicationStageCount) return false;
    if (s.step < 1 || s.step > kApplicationStepCount) return false;
    if ((s.decision == Decision::AttributionRanked) != (s.rank >= 1 && s.rank <= 3)) return false;
    if (s.decision != Decision::AttributionRanked && s.rank != 0) return false;
    switch (s.stage) {
        case Stage::Submitted:
            return s.step == 1 && s.decision == Decision::None;
        case Stage::Validated:
            return s.step == 2 && s.decision == Decision::None;
        case Stage::SentToLandlord:
            return s.step == 3 && s.decision == Decision::None;
        case Stage::LandlordContact:
            return s.step == 4 && s.decision == Decision::None;
        case Stage::Commission:
            return s.step == 5 && s.decision == Decision::None;
        case Stage::Decided:
        case Stage::Declined:
            return s.step == 6 && isAttribution(s.decision);
        case Stage::Refused:
            return s.step == 6 && (s.decision == Decision::NonAttribution || s.decision == Decision::Inadmissible);
        case Stage::LeaseSigned:
            return s.step == 7 &&
                   (s.decision == Decision::Attribution || (s.decision == Decision::AttributionRanked && s.rank == 1));
        case Stage::Cancelled:
            return s.step <= 2 && s.decision == Decision::None;
        case Stage::Invalidated:
            return s.step == 2 && s.decision == Decision::None;
        case Stage::Closed:  // closed at step 6: a ranked candidate passed over
            return s.step <= 6 && (s.step == 6 ? isAttribution(s.decision) : s.decision == Decision::None);
    }
    return false;
}

const char* stepLabelKey(int step) {
    static constexpr const char* kKeys[kApplicationStepCount] = {
        "application.step.1", "application.step.2", "application.step.3", "application.step.4",
        "application.step.5", "application.step.6", "application.step.7",
    };
    if (step < 1 || step > kApplicationStepCount) return "application.step.unknown";
    return kKeys[step - 1];
}

const char* stepHelpKey(int step) {
    static constexpr const char* kKeys[kApplicationStepCount] = {
        "application.step.1.help", "application.step.2.help", "application.step.3.help", "application.step.4.help",
        "application.step.5.help", "application.step.6.help", "application.step.7.help",
    };
    if (step < 1 || step > kApplicationStepCount) return "application.step.unknown";
    return kKeys[step - 1];
}

std::string statusText(const ApplicationState& s) {
    switch (s.stage) {
        case Stage::Submitted:
            return tr("application.status.submitted");
        case Stage::Validated:
            return tr("application.status.validated");
        case Stage::SentToLandlord:
            return tr("application.status.sent_to_landlord");
        case Stage::LandlordContact:
            return tr("application.status.landlord_contact");
        case Stage::Commission:
            return tr("application.status.commission");
        case Stage::Decided:
            switch (s.decision) {
                case Decision::AttributionRanked: {
                    const char rank[2] = {static_cast<char>('0' + std::clamp<int>(s.rank, 0, 9)), '\0'};
                    return trf("application.status.attribution_ranked", {rank});
                }
                case Decision::AttributionConditional:
                    return tr("application.status.attribution_conditional");
                default:
                    return tr("application.status.attribution");
            }
        case Stage::LeaseSigned:
            return tr("application.status.lease_signed");
        case Stage::Cancelled:
            return tr("application.status.cancelled");
        case Stage::Invalidated:
            return tr("application.status.invalidated");
        case Stage::Refused:
            return tr(s.decision == Decision::Inadmissible ? "application.status.inadmissible"
                                                           : "application.status.non_attribution");
        case Stage::Declined:
            return tr("application.status.declined");
        case Stage::Closed:
            return tr("application.status.closed");
    }
    return tr("application.status.unknown");
}

std::string_view stageCode(ApplicationStage stage) {
    return codeOf(kStageCodes, stage);
}
std::optional<ApplicationStage> parseStage(std::string_view code) {
    return parseCode<ApplicationStage>(kStageCodes, code);
}
std::string_view decisionCode(CommissionDecision decision) {
    return codeOf(kDecisionCodes, decision);
}
std::optional<CommissionDecision> parseDecision(std::string_view code) {
    return parseCode<CommissionDecision>(kDecisionCodes, code);
}
std::string_view eventCode(ApplicationEventType type) {
    return codeOf(kEventCodes, type);
}
std::optional<ApplicationEventType> parseEventType(std::string_view code) {
    return parseCode<ApplicationEventType>(kEventCodes, code);
}
std::string_view actorCode(Actor actor) {
    return codeOf(kActorCodes, actor);
}
std::optional<Actor> parseActor(std::string_view code) {
    return parseCode<Actor>(kActorCodes, code);
}

}  // namespace alin::domain

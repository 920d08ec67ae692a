// The life of an application to an offer (guide §6 "Suivre sa candidature"):
// a pure state machine shared by the server (which enforces it) and the client
// (which draws the 7-step tracker and offers only the allowed actions).
//
//   1 Candidature déposée          Submitted
//   2 Validation Action Logement   Validated            | Invalidated (terminal)
//   3 Transmise au bailleur        SentToLandlord
//   4 Contact / visite             LandlordContact      (optional step)
//   5 Commission CALEOL            Commission
//   6 Résultat                     Decided (attribution, ranked 1..3, conditional)
//                                  | Refused (non-attribution, irrecevable) | Declined (terminal)
//   7 Bail signé                   LeaseSigned (terminal)
//   any active stage              -> Closed (terminal: the dwelling went to another
//                                   candidate, or the offer was withdrawn)
//   steps 1-2 only                -> Cancelled (terminal, by the applicant)
//
// THE RULE OF ONE: one active application at a time (see kRuleOfOneKey below);
// a terminal application frees the applicant to apply elsewhere (and is archived).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace alin::domain {

enum class ApplicationStage : std::uint8_t {
    Submitted,
    Validated,
    SentToLandlord,
    LandlordContact,
    Commission,
    Decided,
    LeaseSigned,
    Cancelled,
    Invalidated,
    Refused,
    Declined,
    Closed,
};
inline constexpr int kApplicationStageCount = 12;
inline constexpr int kApplicationStepCount = 7;

// CALEOL decisions (CCH R441-3).
enum class CommissionDecision : std::uint8_t {
    None,
    Attribution,
    AttributionRanked,       // "attribution classée", rank 1..3
    AttributionConditional,  // "attribution sous condition" (a missing document)
    NonAttribution,
    Inadmissible,  // "irrecevable"
};

struct ApplicationState {
    ApplicationStage stage = ApplicationStage::Submitted;
    CommissionDecision decision = CommissionDecision::None;  // set from step 6
    std::uint8_t rank = 0;                                   // 1..3 with AttributionRanked, else 0
    std::uint8_t step = 1;  // tracker step 1..7; terminal stages keep the step where they ended
    friend bool operator==(const ApplicationState&, const ApplicationState&) = default;
};

enum class Actor : std::uint8_t { Applicant, Advisor, Landlord, System };

enum class ApplicationEventType : std::uint8_t {
    Cancel,              // applicant: "Annuler cette candidature" (steps 1-2)
    Validate,            // advisor: the file is complete and eligible
    Invalidate,          // advisor: the file is refused (the reason is kept by the service)
    SendToLandlord,      // advisor or system: the validated file goes to the landlord
    LandlordContact,     // landlord: contact to complete the file or organise a visit
    ScheduleCommission,  // landlord: the file goes to the CALEOL
    RecordDecision,      // landlord: the CALEOL decision (event.decision, event.rank)
    ProvideDocument,     // landlord: the missing document arrived: conditional -> attribution
    MoveUpRank,          // landlord or system: a candidate ranked before declined: rank - 1
    Decline,             // applicant (or the landlord on their behalf): declines the dwelling offered
    SignLease,           // landlord: step 7
    Close,               // landlord, advisor or system: dwelling given to another candidate, offer withdrawn
};
inline constexpr int kApplicationEventCount = 12;

struct ApplicationEvent {
    ApplicationEventType type = ApplicationEventType::Cancel;
    CommissionDecision decision = CommissionDecision::None;  // RecordDecision only
    std::uint8_t rank = 0;                                   // RecordDecision with AttributionRanked
};

struct TransitionResult {
    bool accepted = false;
    ApplicationState state;            // the new state, or the unchanged one when refused
    const char* refusalKey = nullptr;  // catalogue key when refused ("application.error.*")
};

// A permission check: allowed, or the catalogue key of the reason why not.
struct Permission {
    bool allowed = false;
    const char* reasonKey = nullptr;
    explicit operator bool() const { return allowed; }
};

ApplicationState initialApplicationState();  // Submitted, step 1

// The only way a state changes. Checks, in order: the actor may send this
// event at all ("application.error.actor"), the application is still active
// ("application.error.finished"), then the event fits the current stage.
TransitionResult transition(const ApplicationState& state, const ApplicationEvent& event, Actor actor);

bool isTerminal(ApplicationStage stage);
// Active = not terminal: it prevents the applicant from applying elsewhere.
bool isActive(const ApplicationState& state);
// Tracker step 1..7 (state.step, bounded).
int currentStep(const ApplicationState& state);
// "Annuler cette candidature": only before the file is sent to the landlord.
// Refusal: "application.error.cancel_after_sent" ("Votre dossier a été transmis au
// bailleur : la candidature ne peut plus être annulée.") or "application.error.finished".
Permission canCancel(const ApplicationState& state);
// THE RULE OF ONE (guide §6): an applicant holds at most one active (non-terminal)
// application; an ended one frees them. This is where the rule is named. The
// storage enforces it as a uniqueness constraint checked atomically with the
// insertion (Storage::insertApplication: SQLite's partial unique index
// applications_one_active, the same check in the in-memory storage), so it holds
// under concurrency; the services answer every refusal with this one message,
// "Vous avez déjà une candidature en cours : {offre}. Annulez-la pour postuler à
// ce logement." (the offer's title fills {}).
inline constexpr const char* kRuleOfOneKey = "applications.error.already_active";
// "Je postule": refused with kRuleOfOneKey while one of `existing` is active.
Permission canApply(std::span<const ApplicationState> existing);
// A state read from storage is coherent (decision and rank match the stage, step in range).
bool isCoherent(const ApplicationState& state);

// Catalogue keys: the tracker's step labels ("Candidature déposée", ...) and
// their help text (the guide's sentences), 1..7.
const char* stepLabelKey(int step);
const char* stepHelpKey(int step);
// "Statut de la demande" shown to the applicant: "En attente", "Transmise au
// bailleur", "Attribution classée au rang 2", "Non retenue", ...
std::string statusText(const ApplicationState& state);

// Stable codes for storage and the API ("submitted", "attribution_ranked", "cancel", "advisor", ...).
std::string_view stageCode(ApplicationStage stage);
std::optional<ApplicationStage> parseStage(std::string_view code);
std::string_view decisionCode(CommissionDecision decision);
std::optional<CommissionDecision> parseDecision(std::string_view code);
std::string_view eventCode(ApplicationEventType type);
std::optional<ApplicationEventType> parseEventType(std::string_view code);
std::string_view actorCode(Actor actor);
std::optional<Actor> parseActor(std::string_view code);

}  // namespace alin::domain

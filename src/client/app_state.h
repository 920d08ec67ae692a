// The whole client state, passed by reference to the screens (one file per
// screen in screens/). Screens draw from it and record intents in it; the
// controller (app.cpp) turns intents into service calls and replies into state.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/api_types.h"
#include "client/views.h"
#include "domain/roles.h"

namespace alin::client {

enum class Screen {
    Home,
    Login,
    Signup,
    SignupSent,
    Activation,
    SetPassword,
    AccountCreated,
    ForgotPassword,
    LinkProblem,
    Dashboard,
    Mailbox,
    DataProtection,
    NotFound,
    Bench,
    Offers,
    OfferDetail,
    Applications,
    Staff,
    InfoPage,  // a footer page drawn from the catalogue (param: its slug, src/i18n/pages.h)
    Help,      // the help centre (param: the slug of an answer to open)
    MyData,
    Messages,         // "Mes messages": the contact form and the answers (issue 14 part 2)
    Alerts,           // "Mes alertes"
    AlertUnsubscribe  // the e-mails' unsubscribe link (param: the signed token), no login needed
};

struct Route {
    Screen screen = Screen::Home;
    std::string param;  // token for activation / reset links
};

// Parses "/connexion", "/activation/<token>", ... (the URL fragment).
Route parseRoute(const std::string& fragment);
std::string routePath(const Route& route);
// The pages of a signed-in user (a visitor is asked to log in first).
bool needsLogin(Screen s);

struct FieldErrorMap {
    std::map<std::string, std::string> byField;  // field -> French message
    std::string general;                         // banner-level message
    void clear() {
        byField.clear();
        general.clear();
    }
    const std::string& at(const std::string& field) const;
    bool empty() const { return byField.empty() && general.empty(); }
    void fromReply(const Json& body);
};

struct LoginForm {
    std::string email, password;
    FieldErrorMap errors;
    std::string notice;  // "Vous êtes déconnecté(e).", "Session terminée…" (visible, not only announced)
    std::optional<Route> afterLogin;  // the protected page asked for, opened after login
    bool submit = false, busy = false;
};

struct SignupForm {
    std::string birthName, firstName, phone, email;
    bool consent = false;
    FieldErrorMap errors;
    bool submit = false, busy = false;
    std::string sentTo;  // e-mail shown on the confirmation screen
};

struct PasswordForm {
    std::string token;
    enum class LinkState { Unknown, Checking, Valid, Expired, Used, Invalid } link = LinkState::Unknown;
    std::string purpose;          // "activation" or "reset"
    std::string email;            // the user name, for the "not identical" rule
    std::string maskedEmail;      // as displayed
    bool confirmedEmail = false;  // "Cliquez ici" pressed on the activation step
    std::string password, confirmation;
    FieldErrorMap errors;
    bool submit = false, busy = false;
};

struct ForgotForm {
    std::string email;
    FieldErrorMap errors;
    bool submit = false, busy = false, sent = false;
};

struct MailView {
    std::string subject, body, createdAt;
    std::vector<std::pair<std::string, std::string>> links;  // label, url
    std::vector<std::string> codes;
};

struct MailboxState {
    std::string address;
    std::vector<MailView> messages;
    bool refresh = false, busy = false, loaded = false;
    std::string error;
};

struct Department {
    std::string code, name, siteUrl;
    bool national = false;
};

// The imported social-housing request ("dossier") and its screens (guide §3, §4).
struct RequestFileState {
    bool loaded = false;  // GET /request answered (file or 404)
    bool busy = false;
    std::optional<RequestFileView> file;  // the imported file (docs/request-file-api.md), none when not imported
    int panel = 1;                        // 1..3 while completing the file
    bool reviewPanels = false;            // "Voir ma demande": the panels of a validated file, until a new file
    std::string error;                    // banner-level message of the last action
    std::string notice;                   // success message ("Votre demande a bien été mise à jour")

    // Import: Numéro Unique, then the e-mailed code.
    std::string nu, code, maskedEmail;
    bool codeSent = false;
    FieldErrorMap importErrors;
    bool submitNu = false, submitCode = false;
    // "Je n'ai pas de numéro unique…": department picker.
    bool showDepartments = false, departmentsRequested = false, departmentsLoading = false;
    std::vector<Department> departments;
    std::string departmentQuery;
    int departmentChosen = -1;
    bool departmentOpen = false;
    int departmentHighlighted = -1;

    // Panel 2.
    std::string employerName, companyCode, matricule, hireDate, cdii, attachTo;
    int sharingChoice = 0;
    bool employerFormLoaded = false;
    FieldErrorMap employerErrors;
    bool submitEmployer = false, submitSharing = false;
    // Panel 3.
    bool docs[4] = {};
    bool submitDocs = false, submitValidate = false;
    int docsPending = 0, sharingPending = 0;  // saves in flight: keep the screen's ticks meanwhile

    // "Ressources et aides au logement" (screens/screen_resources.cpp): the two
    // amounts as typed, loaded from the file's "resources" until edited.
    std::string resourcesText, aidText, resourcesNotice;
    bool resourcesFormLoaded = false, submitResources = false;
    FieldErrorMap resourcesErrors;

    // Dashboard actions.
    bool refresh = false, confirmDelete = false, doDelete = false;
    bool legacyDialog = false, legacyCodeSent = false, sendLegacyCode = false, submitLegacyCode = false;
    std::string legacyCode, legacyMasked;
    FieldErrorMap legacyErrors;
    std::string identityMismatch;
};

// One offer card, formatted once when its page arrives (no per-frame formatting).
struct OfferCard {
    int64_t id = 0;
    std::string title;     // "T3 - Boulogne-Billancourt (92)"
    std::string lines[3];  // price line, details line, deadline line
    std::string name;      // accessible name: title + lines
    bool house = false;    // the picture placeholder: a house, else a block of flats
    bool isNew = false;    // "Nouveau": published for one of the applicant's alerts, not seen yet
};

// "Les offres" (guide §5): filters, the three tabs, a virtualised list whose
// pages are fetched as they scroll into view, the detail and "Je postule".
struct OffersState {
    // Filters as shown (applied with "Afficher").
    bool rooms[5] = {};  // 1, 2, 3, 4, 5 et plus
    bool house = false, apartment = false, pmr = false;
    std::string priceMin, priceMax;
    int sort = 0;           // index in the sort options
    std::string workplace;  // the applicant's workplace commune, "" when unknown (no distance sort)
    int tab = 0;            // 0 requested, 1 neighbours, 2 others
    FieldErrorMap filterErrors;

    // Results of the current query.
    uint32_t generation = 0;  // bumped when tab/filters change: stale replies are dropped
    int counts[3] = {-1, -1, -1};
    int total = -1;                  // -1: not loaded yet
    std::vector<OfferCard> cards;    // index = position in the result list
    std::vector<uint8_t> pageState;  // 0 missing, 1 loading, 2 loaded (pages of kPageSize)
    // A page covers about three screens of cards: in the offline demo a page is
    // built inside a frame, so smaller pages keep scrolling frames short.
    static constexpr int kPageSize = 24;
    bool reload = true;  // the controller (re)runs the query
    std::string error;
    float scrollY = 0;  // kept for "Retour aux résultats"
    bool restoreScroll = false;
    std::vector<int> wantedPages;  // pages the list asked for this frame

    // Detail.
    int64_t detailId = 0;
    std::optional<OfferDetailView> detail;  // GET /offers/{id}, none while loading
    bool loadDetail = false, apply = false, applying = false, appliedDialog = false;
    std::string detailError, applyError;
};

// "Mes candidatures" (guide §6).
struct ApplicationsState {
    bool loaded = false, reload = false, busy = false;
    std::optional<ApplicationView> active;
    std::vector<ApplicationView> history;
    int unread = 0;
    bool showRanking = false, rankingRequested = false;
    std::optional<std::vector<std::string>> ranking;  // the explanation's paragraphs, none until asked
    bool confirmCancel = false, cancel = false;
    std::string error, notice;
};

// A step a staff member takes on an application (or, "send", on an offer's
// designated candidates); the controller turns it into its request.
struct StaffAction {
    enum class Kind {
        Validate,
        Invalidate,
        Send,
        Contact,
        Commission,
        Decision,
        Document,
        Lease
    } kind = Kind::Validate;
    int64_t id = 0;                       // the application (the offer for Send)
    std::string text;                     // Invalidate: the reason; Contact: the note
    std::string decision;                 // Decision: its code
    int rank = 0;                         // Decision "attribution_ranked": 1..3
    std::vector<int64_t> applicationIds;  // Send: the candidates designated
};

// The other side (advisor, landlord, employer), one screen per role.
struct StaffState {
    bool reload = true, busy = false;
    std::optional<StaffView> data;           // the role's list (queue, offers, requests), none until loaded
    std::map<int64_t, std::string> reasons;  // advisor: invalidation reason being typed, per application
    std::map<int64_t, bool> selected;        // advisor: candidates chosen to send, per application
    std::map<int64_t, int> decision;         // landlord: decision picked, per application
    std::map<int64_t, int> rank;             // landlord: rank of a ranked attribution (0..2 for 1..3)
    std::string error, notice;
    std::optional<StaffAction> action;  // pending
};

// "Mes données" (issue 14 part 3): the export shown and downloaded, account deletion.
// "Mes alertes" (issue 14): the saved alerts, the "Nouvelles offres" badge and
// the "Nouveau" marks (offers notified and not seen yet), the unsubscribe link.
struct AlertsState {
    bool loaded = false, reload = false, busy = false;
    std::vector<AlertView> list;  // GET /alerts
    std::string notice, error;
    // Intents of the screens.
    bool createFromOffers = false;  // "Créer une alerte avec ces critères"
    int64_t togglePause = 0, toggleFrequency = 0, remove = 0, confirmRemove = 0;
    // The badge: offers of notifications not seen yet (GET /alerts/news).
    bool newsRequested = false;
    std::vector<int64_t> newOfferIds;
    std::string offersNotice;  // the confirmation shown on the offers screen
    // The unsubscribe page.
    std::string unsubscribeToken;
    bool unsubscribeSent = false, unsubscribeDone = false;
    std::string unsubscribeMessage;
};

struct MyDataState {
    bool reload = false, busy = false;
    Json exported;                   // GET /me/data's "data" as it came: the file downloaded and printed
    std::optional<MyDataView> data;  // what the screen shows of it, none until loaded
    std::string error;
    bool download = false;  // "Télécharger mes données"
    bool print = false;     // "Version imprimable": the HTML document opened (my_data_html.h)
    bool printed = false;
    bool downloaded = false;
    // "Supprimer mon compte": the dialog, the password, the request in flight.
    bool confirmDelete = false, doDelete = false, deleting = false;
    std::string password;
    FieldErrorMap deleteErrors;
    std::string deletedNotice;  // shown on the signed-out home after the deletion
};

// "Mes messages" (issue 14 part 2): the contact form, the applicant's messages
// and the answers; for advisors, the contact inbox of the professional space.
struct ContactState {
    bool reload = false, busy = false;
    std::optional<ContactView> data;  // GET /contact/messages, none until loaded
    std::string error, notice;
    // The form.
    int subject = -1;           // index in data->subjects
    int64_t applicationId = 0;  // the application it is about; 0: none
    std::string message;
    FieldErrorMap errors;
    bool submit = false, sending = false;
    // Advisors: the inbox.
    bool inboxReload = false, inboxBusy = false;
    std::optional<std::vector<ContactMessageView>> inbox;  // GET /contact/inbox, none until loaded
    std::map<int64_t, std::string> answers;                // the answer being typed, per message
    std::map<int64_t, std::string> answerErrors;           // per message
    // Pending: answer (the text typed) or close one message.
    struct InboxAction {
        int64_t id = 0;
        bool close = false;
        std::string answer;
    };
    std::optional<InboxAction> inboxAction;
    std::string inboxNotice, inboxError;
};

struct BenchState {
    std::string fields[100];
    bool checks[100] = {};
    int animate = 0;  // 0 idle, 1 redraw every frame, 2 also change one label, 3 scroll (all nodes move)
    int tick = 0;
};

// Footer pages, help centre (#/aide) and the first-connection tutorial.
struct PagesState {
    std::string helpQuery;              // the help centre's search field
    std::vector<std::string> helpOpen;  // slugs of the answers shown
    bool tutorialOpen = false;
    int tutorialStep = 0;  // 0-based
};

struct UserView {
    int64_t id = 0;
    std::string email, birthName, firstName, phone;
    domain::Role role = domain::Role::Applicant;  // parsed from the reply's code at the edge (UserFromJson)
    std::string organisation;                     // staff: landlord or employer name
    std::string language;                         // the account's language ("fr", "en"), "" when not said
    bool staff() const { return domain::isStaff(role); }
};
// The reply's "user" object, parsed once at the edge (role code -> domain::Role).
UserView UserFromJson(const Json& j);

struct Banner {
    std::string text;
    bool isError = false;
    bool retryable = false;
};

struct AppState {
    Route route;
    bool demo = false;        // offline demo mode (service in the page)
    bool kiosk = false;       // shared terminal: nothing personal survives a session
    bool devMailbox = false;  // the service exposes its development mailbox (not in production)
    bool sessionChecked = false;
    std::optional<UserView> user;
    Banner banner;
    std::string announce;  // next live-region announcement

    LoginForm login;
    SignupForm signup;
    PasswordForm password;
    ForgotForm forgot;
    MailboxState mailbox;
    BenchState bench;
    RequestFileState request;
    OffersState offers;
    ApplicationsState applications;
    StaffState staff;
    PagesState pages;
    MyDataState myData;
    ContactState contact;
    AlertsState alerts;

    // Intents recorded by screens, executed by the controller after the frame.
    std::optional<Route> navigateTo;
    bool scrollTop = false;  // show the top of the page (new screen or panel)
    bool logout = false;
    bool retry = false;
    bool enterDemo = false;
    std::string openExternal;
};

}  // namespace alin::client

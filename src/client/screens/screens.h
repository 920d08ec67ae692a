// One function per screen, each in its own file: draw from AppState, record
// intents in it. No network, no static business state.
#pragma once
#include <string>
#include <vector>

#include "client/app_state.h"
#include "i18n/pages.h"

namespace alin::client {

// True once the applicant's lease is signed (the household is housed).
bool Housed(const AppState& s);

void DrawHome(AppState& s);
void DrawLogin(AppState& s);
void DrawSignup(AppState& s);
void DrawSignupSent(AppState& s);
void DrawActivation(AppState& s);  // activation and reset links: password form
void DrawAccountCreated(AppState& s);
void DrawForgotPassword(AppState& s);
void DrawDashboard(AppState& s);  // import, the three panels, or the dashboard
void DrawImport(AppState& s);
// "Ressources et aides au logement" of the request file (screen_resources.cpp),
// a section of the dashboard.
void DrawResources(AppState& s);
void DrawMailbox(AppState& s);
void DrawDataProtection(AppState& s);
void DrawNotFound(AppState& s);
void DrawBench(AppState& s);
void DrawOffers(AppState& s);
void DrawOfferDetail(AppState& s);
void DrawApplications(AppState& s);
void DrawStaff(AppState& s);
// Footer pages, help centre and tutorial (screen_pages.cpp, screen_help.cpp).
void DrawInfoPage(AppState& s, const std::string& slug);
void DrawHelp(AppState& s);
// The help centre's answers matching a query: every word of it, without regard
// to accents, case or punctuation ("numero" finds "Numéro"), in the question or
// the answer. An empty query matches all.
std::vector<const i18n::HelpEntry*> MatchingHelpEntries(const std::string& query);
// "#/aide/<slug>": that answer shown (and focused) in the help centre.
void OpenHelpAnswer(AppState& s, const std::string& slug);
// The footer, after the main landmark, on every screen.
void DrawFooter(AppState& s);
// "Vous avez une question ?" at the end of every signed-in screen (guide §6).
void DrawQuestionLink(AppState& s);
// The first-connection tutorial (a dialog), while s.pages.tutorialOpen.
void DrawTutorial(AppState& s);
// After a sign-in: opens the tutorial unless this account has seen it on this
// browser (remembered under a hash of the account id; kiosks remember nothing).
void StartTutorialAfterLogin(AppState& s);
// The storage key remembering that an account saw the tutorial.
std::string TutorialStorageKey(int64_t userId);
void DrawMyData(AppState& s);  // screen_my_data.cpp
// "Mes messages": the contact form and the answers (screen_contact.cpp).
void DrawMessages(AppState& s);
// The advisors' contact inbox, a section of the professional space (screen_contact_inbox.cpp).
void DrawContactInbox(AppState& s);
// "Mes alertes" and the e-mails' unsubscribe page (screen_alerts.cpp).
void DrawAlerts(AppState& s);
void DrawAlertUnsubscribe(AppState& s);
// "Nouveau" on a card whose offer an alert notified and the applicant has not seen (app_alerts.cpp).
void MarkNewOffer(AppState& s, OfferCard& card);

// Shared bits.
void Navigate(AppState& s, Screen screen, std::string param = {});

}  // namespace alin::client

// One function per screen, each in its own file: draw from AppState, record
// intents in it. No network, no static business state.
#pragma once
#include "client/app_state.h"

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
void DrawMailbox(AppState& s);
void DrawDataProtection(AppState& s);
void DrawNotFound(AppState& s);
void DrawBench(AppState& s);
void DrawOffers(AppState& s);
void DrawOfferDetail(AppState& s);
void DrawApplications(AppState& s);
void DrawStaff(AppState& s);
void DrawMyData(AppState& s);  // screen_my_data.cpp

// Shared bits.
void Navigate(AppState& s, Screen screen, std::string param = {});

}  // namespace alin::client

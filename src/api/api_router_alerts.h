// Routes under /api/v1/alerts ("Mes alertes", issue 14 part 1), for ApiRouter:
//   GET    /alerts              the applicant's alerts: 200 {alerts, newOffers}
//   POST   /alerts              {tab|tabs, rooms, house, apartment, pmr, priceMin, priceMax,
//                               frequency, digestHour}: 201 {alert, message}; 422 validation
//                               (field), 404 no_request, 409 file_not_validated
//   PATCH  /alerts/{id}         {paused, frequency, digestHour}: 200 {alert, message}
//   DELETE /alerts/{id}         200 {message}; 404 alert_unknown (also another user's)
//   GET    /alerts/news         {count, offerIds}: the "Nouvelles offres" badge
//   POST   /alerts/news/seen    every notification seen
//   GET    /alerts/unsubscribe?token=   no session: {summary, paused}; 404 alert_unknown
//   POST   /alerts/unsubscribe?token=   no session: pauses the alert (the one-click
//                               unsubscribe of the e-mails, RFC 8058): 200 {summary, paused, message}
#pragma once
#include <string>
#include <vector>

#include "api/api_types.h"
#include "app/account_service.h"
#include "app/alert_service.h"

namespace alin {

// `segments` are the path's after /api/v1 ({"alerts", ...}); `alerts` null: 503.
ApiResponse routeAlerts(AccountService& accounts, AlertService* alerts, const ApiRequest& request,
                        const std::vector<std::string>& segments);

}  // namespace alin

// Routes under /api/v1/me ("Mes données", issue 14 part 3), for ApiRouter:
//   GET  /me/data    the export (MyDataService::exportData), 200 {data}
//   POST /me/delete  {password}: deletes the account, 200 {message,
//                    applicationCancelled, applicationsArchived}, session cleared;
//                    401 invalid_password (field "password"), 429 too_many_attempts.
//   PUT  /me/language {language: "fr"|"en"}: the account's language (issue 15:
//                    its e-mails'), 200 {language, user, message (in that
//                    language)}; 400 bad_request (field "language") otherwise.
#pragma once
#include <string>
#include <vector>

#include "api/api_types.h"
#include "app/account_service.h"
#include "app/application_service.h"
#include "app/my_data_service.h"

namespace alin {

// The user object of the replies (log-in, session, /me/language).
Json userJson(const Me& me);

// `segments` are the path's after /api/v1 ({"me", ...}).
ApiResponse routeMe(AccountService& accounts, MyDataService* myData, ApplicationService* applications,
                    const ApiRequest& request, const std::vector<std::string>& segments);

}  // namespace alin

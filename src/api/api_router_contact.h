// Routes of the contact form and the advisors' inbox (issue 14 part 2), for
// ApiRouter (ContactService, app/contact_service.h):
//   GET  /contact/messages             the signed-in applicant's messages and
//                                      answers, the subjects, the limits
//   POST /contact/messages             {subject, message, applicationId?}: 201
//                                      {message, notice}; 422 validation (field
//                                      errors), 429 too_many_messages
//   GET  /contact/inbox                advisors: the open messages, waiting first, oldest first
//   POST /contact/inbox/{id}/answer    advisors: {answer}: recorded, e-mailed; 409 when already answered
//   POST /contact/inbox/{id}/close     advisors: 409 when already closed
// Others get 403 forbidden; without a session, 401.
#pragma once
#include <string>
#include <vector>

#include "api/api_types.h"
#include "app/account_service.h"
#include "app/contact_service.h"

namespace alin {

// `segments` are the path's after /api/v1 ({"contact", ...}).
ApiResponse routeContact(AccountService& accounts, ContactService* contact, const ApiRequest& request,
                         const std::vector<std::string>& segments);

}  // namespace alin

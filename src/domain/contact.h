// The contact form (issue 14 part 2): what an applicant may write to Action
// Logement Services, and the limits of a message and of an advisor's answer.
// Pure, no I/O: the service (app/contact_service.h) validates with these, the
// storages check the subject and status codes (CHECK constraints).
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace alin::domain::contact {

// The subjects of the form's list, as stored and sent; the catalogue words
// each as "contact.subject.<code>.label".
inline constexpr std::array<std::string_view, 5> kSubjects = {"request_file", "application", "account", "offers",
                                                              "other"};
bool isSubject(std::string_view code);

// The states of a message: "waiting" (for an advisor), "answered", "closed".
bool isStatus(std::string_view code);

// Lengths in characters (Unicode code points), after trimming: longer text
// is refused with the limit stated, never cut.
inline constexpr int kMessageMaxChars = 2000;
inline constexpr int kAnswerMaxChars = 4000;

// The quota against abuse: at most this many messages per account within a
// sliding day (checked and taken by the storage in one atomic step).
inline constexpr int kMessagesPerDay = 5;
inline constexpr int64_t kQuotaWindowSeconds = 24 * 3600;

}  // namespace alin::domain::contact

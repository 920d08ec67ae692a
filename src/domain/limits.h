// The lifetimes and limits of the platform's secrets and attempts, named once.
// The deployment's configuration (src/app/config.h, ServiceConfig) starts from
// these values; tests may shorten them there. Seconds, counts.
#pragma once
#include <cstdint>

namespace alin::domain::limits {

inline constexpr int64_t kHour = 3600;
inline constexpr int64_t kDay = 24 * kHour;

// Accounts (guide §1, §2): the e-mailed links, "Ce lien expire dans 2 jour(s)".
inline constexpr int64_t kActivationLinkLifetime = 2 * kDay;
inline constexpr int64_t kResetLinkLifetime = 2 * kDay;
// Sessions end after this long without a request (ALIN_SESSION_IDLE_SECONDS).
inline constexpr int64_t kSessionIdle = 30 * 60;
// Login throttling: this many failures within the window lock the key for kLoginLock.
inline constexpr int kLoginMaxFailures = 5;
inline constexpr int64_t kLoginWindow = 15 * 60;
inline constexpr int64_t kLoginLock = 15 * 60;

// Request file (guide §3, §4): the security code e-mailed to the registered
// request's address, "Ce code est actif durant un délai de 24h".
inline constexpr int64_t kVerificationCodeLifetime = 24 * kHour;
inline constexpr int kVerificationCodeLength = 6;
inline constexpr int kVerificationMaxAttempts = 5;  // wrong entries before the code stops working
// Codes sent per account and purpose within kVerificationQuotaWindow.
inline constexpr int kVerificationMaxCodesPerWindow = 10;
inline constexpr int64_t kVerificationQuotaWindow = kDay;

// Applications (guide §6): an advisor sends at most this many candidates to the landlord.
inline constexpr int kMaxCandidatesSent = 3;

// Retention ("Mes données", issue 14 part 3): an applicant account without a
// log-in for kAccountInactivity is warned by e-mail, then deleted
// kRetentionGrace after the warning unless it logged in meanwhile.
inline constexpr int64_t kAccountInactivity = 2 * 365 * kDay;  // two years
inline constexpr int64_t kRetentionGrace = 30 * kDay;

}  // namespace alin::domain::limits

// Who the user of an account is, and what each kind of user may do: the
// permission checks of every route live here (the services ask `may(role, ...)`;
// ownership - a landlord's own offers, an employer's own employees - is the
// service's second check, on the data). Pure, no I/O.
//
// Roles are stored and sent as their codes ("applicant", "advisor", "landlord",
// "employer"): roleCode / parseRole at the edges (storage, JSON), the enum inside.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace alin::domain {

enum class Role : std::uint8_t {
    Applicant,  // a household looking for a dwelling (the default of a new account)
    Advisor,    // Action Logement Services: validates files, sends them to landlords
    Landlord,   // a social landlord's staff (its organisation's offers)
    Employer,   // a company paying the PEEC: sees its employees' requests within their sharing choice
};
inline constexpr int kRoleCount = 4;

std::string_view roleCode(Role role);                  // "applicant", "advisor", "landlord", "employer"
std::optional<Role> parseRole(std::string_view code);  // exact code; nullopt otherwise
bool isStaff(Role role);                               // advisor, landlord or employer

// What a route does, seen from the permission check.
enum class Capability : std::uint8_t {
    UseRequestFile,         // import / complete / validate one's own request file, apply, cancel, decline
    ReviewApplications,     // the advisor's queue: validate, invalidate, send to landlords, close
    ManageOwnOffers,        // a landlord on its organisation's offers and their applications
    AddOffers,              // POST /offers: landlords (for their organisation) and advisors
    ViewEmployeeRequests,   // an employer's view of the requests attached to its SIRET
    AnswerContactMessages,  // the contact inbox (issue 14 part 2): read, answer and close the messages
    WriteContactMessages,   // the contact form: an applicant writes to Action Logement Services
};

// The permission check of every route: true when this role may do it.
bool may(Role role, Capability capability);

}  // namespace alin::domain

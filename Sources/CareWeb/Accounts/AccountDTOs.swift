import CareCases
import CareCore
import Vapor

extension DTO {
  struct SignIn: Content {
    let email: String
    let password: String
    /// For an account with a second step: the code its authenticator app shows, or a recovery code.
    let code: String?
  }

  struct SessionToken: Content {
    let token: String
    let account: AccountOut
  }

  struct AccountOut: Content {
    let id: String
    let name: String
    let email: String?
    let isAdministrator: Bool
    /// Email only where the policy allows it (the account itself, the member register): lists of
    /// workers, hat holders and team members carry id and name, as the pages do.
    init(_ a: Account, showEmail: Bool = false) {
      (id, name, email, isAdministrator) = (a.id.description, a.name, showEmail ? a.email : nil, a.isAdministrator)
    }
  }

  struct NameIn: Content { let name: String }
  struct EmailIn: Content { let email: String }
  struct EmailChangeOut: Content { let sentTo: String }
  struct ConfirmationIn: Content { let token: String }
  struct PreferencesIn: Content { let easyRead: Bool }
  struct PreferencesOut: Content { let easyRead: Bool }
}

import CareCases
import CareCore
import Vapor

/// First-run setup, sign-in and out, password reset, preferences; the API's sessions and `me`.
enum AccountsWeb: WebCapability {
  static let openAPI: String? = "accounts"

  static func pages(_ r: PageRoutes) {
    r.get(.setup, AuthController.setupForm)
    r.post(.setup, AuthController.setup)
    r.get(.signIn, AuthController.signInForm)
    r.post(.signIn, AuthController.signIn)
    r.get(.signInCode, AuthController.codeForm)
    r.post(.signInCode, AuthController.code)
    r.post(.signOut, AuthController.signOut)
    r.get(.forgotPassword, AuthController.forgotForm)
    r.post(.forgotPassword, AuthController.forgot)
    r.get(.resetPassword(token: nil), AuthController.resetForm)
    r.post(.resetPassword(token: nil), AuthController.reset)
    r.post(.easyRead, PreferencesController.setEasyRead)
    r.get(.account, AccountController.show)
    r.post(.accountName, AccountController.rename)
    r.post(.accountEmail, AccountController.changeEmail)
    r.get(.accountSecondFactor, AccountController.secondStep)
    r.post(.accountSecondFactor, AccountController.turnOnSecondStep)
    r.get(.confirmEmail(token: nil), AccountController.confirmForm)
    r.post(.confirmEmail(token: nil), AccountController.confirm)
  }

  static func api(_ v1: APIRoutes) {
    v1.post(.sessions, signIn)
    v1.delete(.sessions, signOut)
    v1.get(.me) { req async throws -> DTO.AccountOut in
      DTO.AccountOut(try await req.actor().account, showEmail: true)
    }
    v1.put(.meName) { req async throws -> DTO.AccountOut in
      let actor = try await req.actor()
      let body = try req.content.decode(DTO.NameIn.self)
      return DTO.AccountOut(try await req.cases.rename(actor.account, to: body.name), showEmail: true)
    }
    v1.put(.meEmail) { req async throws -> Response in
      let actor = try await req.actor()
      let body = try req.content.decode(DTO.EmailIn.self)
      try await req.cases.requestEmailChange(actor.account, to: body.email)
      return try await DTO.EmailChangeOut(sentTo: body.email.trimmingCharacters(in: .whitespacesAndNewlines))
        .encodeResponse(status: .accepted, for: req)
    }
    v1.post(.meEmailConfirmation) { req async throws -> DTO.AccountOut in
      let body = try req.content.decode(DTO.ConfirmationIn.self)
      do {
        return DTO.AccountOut(try await req.cases.confirmEmailChange(token: body.token), showEmail: true)
      } catch CareError.invalid {
        throw CareError.notFound  // a used, expired or unknown link: nothing there
      }
    }
    v1.put(.mePreferences) { req async throws -> DTO.PreferencesOut in
      let actor = try await req.actor()
      let body = try req.content.decode(DTO.PreferencesIn.self)
      try await req.cases.setEasyRead(body.easyRead ? "on" : "off", account: actor.account)
      return DTO.PreferencesOut(easyRead: body.easyRead)
    }
  }

  static func signIn(_ req: Request) async throws -> Response {
    let body = try req.content.decode(DTO.SignIn.self)
    let account = try await req.cases.authenticate(
      email: body.email, password: body.password, from: req.clientAddress)
    // An account with a second step gives its code with the password (422 without it or when it is wrong).
    let secondStep = try await req.cases.secondFactor(of: account) != nil
    if secondStep { try await req.cases.checkSecondFactor(for: account, code: body.code) }
    let token = try await req.startSession(for: account, kind: .api, secondStep: secondStep)
    return try await DTO.SessionToken(token: token, account: .init(account, showEmail: true)).encodeResponse(
      status: .created, for: req)
  }

  static func signOut(_ req: Request) async throws -> HTTPStatus {
    _ = try await req.actor()
    try await req.endSession(detail: "API")
    return .noContent
  }
}

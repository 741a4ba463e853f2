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
    r.post(.signOut, AuthController.signOut)
    r.get(.forgotPassword, AuthController.forgotForm)
    r.post(.forgotPassword, AuthController.forgot)
    r.get(.resetPassword(token: nil), AuthController.resetForm)
    r.post(.resetPassword(token: nil), AuthController.reset)
    r.post(.easyRead, PreferencesController.setEasyRead)
    r.get(.account, AccountController.show)
    r.post(.accountName, AccountController.rename)
    r.post(.accountEmail, AccountController.changeEmail)
    r.get(.confirmEmail(token: nil), AccountController.confirmForm)
    r.post(.confirmEmail(token: nil), AccountController.confirm)
  }

  static func api(_ v1: APIRoutes) {
    v1.post(.sessions, signIn)
    v1.delete(.sessions, signOut)
    v1.get(.me) { req async throws -> DTO.AccountOut in
      DTO.AccountOut(try await req.actor().account, showEmail: true)
    }
  }

  static func signIn(_ req: Request) async throws -> Response {
    let body = try req.content.decode(DTO.SignIn.self)
    let account = try await req.cases.authenticate(
      email: body.email, password: body.password, from: req.clientAddress)
    let token = try await req.startSession(for: account, kind: .api)
    return try await DTO.SessionToken(token: token, account: .init(account, showEmail: true)).encodeResponse(
      status: .created, for: req)
  }

  static func signOut(_ req: Request) async throws -> HTTPStatus {
    _ = try await req.actor()
    try await req.endSession(detail: "API")
    return .noContent
  }
}

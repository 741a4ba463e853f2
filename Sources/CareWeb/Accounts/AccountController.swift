import CareCases
import CareCore
import Vapor

/// One's own account: change the name, change the e-mail address (confirmed from the new address).
enum AccountController {
  static func show(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    return page(req, actor.account, FormState(values: ["name": actor.account.name])).response()
  }

  private static func page(_ req: Request, _ account: Account, _ state: FormState, notice: String? = nil)
    -> AccountPage
  {
    AccountPage(
      layout: req.layout(
        "Your account", crumbs: [.init(label: "Home", url: .home)], hasErrors: !state.errors.isEmpty),
      account: account, state: state, notice: notice)
  }

  static func rename(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    do {
      let account = try await req.cases.rename(actor.account, to: state["name"])
      return page(req, account, FormState(values: ["name": account.name]), notice: "Your name is saved.").response()
    } catch let error as CareError where error != .notFound {
      state.errors = error.fieldErrors
      return page(req, actor.account, state).response(.unprocessableEntity)
    }
  }

  static func changeEmail(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    do {
      try await req.cases.requestEmailChange(actor.account, to: state["email"])
      return MessagePage(
        layout: req.layout("Check your new address", crumbs: [.init(label: "Home", url: .home)]),
        heading: "Check your new address",
        lines: [
          "We have sent a link to \(state["email"].trimmingCharacters(in: .whitespaces)).",
          "Your address changes when you use the link. It works for a day.",
        ]
      ).response()
    } catch let error as CareError where error != .notFound {
      state.errors = error.fieldErrors
      state.values["name"] = actor.account.name
      return page(req, actor.account, state).response(.unprocessableEntity)
    }
  }

  static func confirmForm(_ req: Request) async throws -> Response {
    let token = (try? req.query.get(String.self, at: "token")) ?? ""
    guard let (_, newEmail) = try await req.cases.pendingEmailChange(token: token) else { return expired(req) }
    return ConfirmEmailPage(
      layout: req.layout("Confirm your new e-mail address"), newEmail: newEmail,
      state: FormState(values: ["token": token])
    ).response()
  }

  static func confirm(_ req: Request) async throws -> Response {
    let state = try req.formState()
    do {
      let account = try await req.cases.confirmEmailChange(token: state["token"])
      return MessagePage(
        layout: req.layout("Your e-mail address has changed"), heading: "Your e-mail address has changed",
        lines: ["You sign in with \(account.email ?? "") from now on."], link: ("Go to the home page", .home)
      ).response()
    } catch CareError.invalid {
      return expired(req)
    }
  }

  private static func expired(_ req: Request) -> Response {
    MessagePage(
      layout: req.layout("Link expired"), heading: "This link has expired",
      lines: ["Links to confirm an address work once, for a day. Change your address again for a new one."],
      link: ("Your account", .account)
    ).response(.notFound)
  }
}

import CareCases
import CareCore
import Vapor

/// One's own account: change the name, change the e-mail address (confirmed from the new address).
enum AccountController {
  static func show(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var page = page(req, actor.account, FormState(values: ["name": actor.account.name]))
    page.secondStepOn = try await req.cases.secondFactor(of: actor.account) != nil
    return page.response()
  }

  /// The second step: on, or the key for a new app and the form for its first code.
  static func secondStep(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let isOn = try await req.cases.secondFactor(of: actor.account) != nil
    return SecondStepPage(
      layout: req.layout("A second step when signing in", crumbs: [.init(label: "Your account", url: .account)]),
      isOn: isOn, setup: isOn ? nil : try await req.cases.beginSecondFactor(for: actor.account), recoveryCodes: [],
      state: FormState()
    ).response()
  }

  /// Turns it on with the key given and a code from the app: the recovery codes, once, in the answer.
  static func turnOnSecondStep(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    let layout = { (errors: Bool) in
      req.layout(
        "A second step when signing in", crumbs: [.init(label: "Your account", url: .account)], hasErrors: errors)
    }
    do {
      let codes = try await req.cases.turnOnSecondFactor(
        for: actor.account, secret: state["secret"], code: state["code"])
      return SecondStepPage(layout: layout(false), isOn: true, setup: nil, recoveryCodes: codes, state: FormState())
        .response()
    } catch let error as CareError where error != .notFound && error != .forbidden {
      state.errors = error.fieldErrors
      state.values["code"] = nil
      let isOn = try await req.cases.secondFactor(of: actor.account) != nil
      // The same key again, so the app already set up still matches.
      let setup = isOn ? nil : try await req.cases.secondFactorSetup(for: actor.account, secret: state["secret"])
      return SecondStepPage(layout: layout(true), isOn: isOn, setup: setup, recoveryCodes: [], state: state)
        .response(error.formStatus)
    }
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

import CareCases
import CareCore
import Plot

/// The second step of signing in: the code the authenticator app shows (or a recovery code).
struct SignInCodePage: PageView {
  let layout: Layout
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Enter your code"),
      .p("Your password was right. Now type the code your authenticator app shows for CareCoop."),
      .form(
        .action(SiteURL.signInCode.path), .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        .input(.type(.hidden), .name("next"), .value(state["next"])),
        Forms.text(
          "code", label: "The code", hint: "6 digits. Lost your phone? Type one of your recovery codes instead.",
          state: state, autocomplete: "one-time-code", width: "w10"),
        Forms.submit("Sign in")),
      .p(.a(.href(SiteURL.signIn.path), "Start again")))
  }
}

/// Turning on the second step: the key for the app (typed, or opened on the phone), then a code from it.
/// Once on: the recovery codes, shown once.
struct SecondStepPage: PageView {
  let layout: Layout
  let isOn: Bool
  let setup: SecondFactorSetup?
  let recoveryCodes: [String]
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("A second step when signing in"),
      recoveryCodes.isEmpty ? .empty : codes,
      isOn && recoveryCodes.isEmpty
        ? .p(
          .text(
            "It is on: after your password you type the code your authenticator app shows. Keep your recovery "
              + "codes somewhere safe."))
        : .empty,
      .unwrap(isOn ? nil : setup) { setup in
        .group(
          .p(
            .text(
              "After your password, you will also type a code from an app on your phone (any authenticator app). "
                + "Someone who learns your password still cannot sign in as you. The registered manager, the "
                + "safeguarding lead and the finance hat need this.")),
          .h2("1. Add CareCoop to your app"),
          .p(.text("In the app, choose to add an account by typing a key, and type this key:")),
          .p(.strong(.class("ballot-code"), .text(setup.grouped))),
          .p(.text("On the phone with the app? "), .a(.href(setup.uri), "Open the key in the app")),
          .h2("2. Type the code it shows"),
          .form(
            .action(SiteURL.accountSecondFactor.path), .method(.post), .attribute(named: "novalidate"),
            Forms.csrf(layout.csrf),
            .input(.type(.hidden), .name("secret"), .value(setup.secret)),
            Forms.text(
              "code", label: "The code", hint: "6 digits; a new one every 30 seconds.", state: state,
              autocomplete: "one-time-code", width: "w10"),
            Forms.submit("Turn on the second step")))
      },
      .p(.a(.href(SiteURL.account.path), "Back to your account")))
  }

  var codes: Node<HTML.BodyContext> {
    .div(
      .class("notice"), .attribute(named: "role", value: "status"),
      .p(.strong("The second step is on.")),
      .p(
        .text(
          "These are your recovery codes. Each works once, instead of a code from the app, if you lose your phone. "
            + "Print them or write them down now: they are not shown again.")),
      .ul(.forEach(recoveryCodes) { .li(.strong(.class("ballot-code"), .text($0))) }))
  }
}

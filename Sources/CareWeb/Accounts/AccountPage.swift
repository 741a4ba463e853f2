import CareCases
import CareCore
import Plot

/// One's own account: the name everyone sees and the e-mail address used to sign in.
struct AccountPage: PageView {
  let layout: Layout
  let account: Account
  let state: FormState
  var notice: String? = nil
  var secondStepOn = false

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .unwrap(notice) { .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.text($0))) },
      .h1("Your account"),
      .h2("Signing in"),
      .p(
        .text(
          secondStepOn
            ? "After your password you type a code from your authenticator app. "
            : "You sign in with your password only. "),
        .a(
          .href(SiteURL.accountSecondFactor.path),
          .text(secondStepOn ? "About your second step" : "Add a second step: a code from an app on your phone"))),
      .h2("Your name"),
      .p("This is the name everyone in your co-op sees."),
      .form(
        .action(SiteURL.accountName.path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.text("name", label: "Your full name", state: state, autocomplete: "name"),
        Forms.submit("Save your name")
      ),
      .h2("Your e-mail address"),
      .p(.text(account.email.map { "You sign in with \($0)." } ?? "You have no e-mail address yet.")),
      .form(
        .action(SiteURL.accountEmail.path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.text(
          "email", label: "New e-mail address", hint: "We send a link to the new address. It changes when you use it.",
          state: state, type: .email, autocomplete: "email"),
        Forms.submit("Change your e-mail address")
      )
    )
  }
}

/// The page a confirmation link opens: says what will change, and changes it on one press.
struct ConfirmEmailPage: PageView {
  let layout: Layout
  let newEmail: String
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Confirm your new e-mail address"),
      .p(.text("You will sign in with \(newEmail) from now on.")),
      .form(
        .action(SiteURL.confirmEmail(token: nil).path), .method(.post),
        Forms.csrf(layout.csrf),
        .input(.type(.hidden), .name("token"), .value(state["token"])),
        Forms.submit("Use this address")
      )
    )
  }
}

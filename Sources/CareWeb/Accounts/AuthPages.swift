import CareCases
import CareCore
import Plot

struct SetupPage: PageView {
  let layout: Layout
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Set up your co-op"),
      .p("There is nothing here yet. Tell us about your co-op and make the first administrator account."),
      .form(
        .action(SiteURL.setup.path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        .h2("Your co-op"),
        Forms.text("coopName", label: "Co-op name", state: state, autocomplete: "organization"),
        Forms.text(
          "registeredNumber", label: "Registered number", hint: "From the FCA Mutuals Public Register", state: state,
          width: "w10"),
        Forms.textarea("address", label: "Registered address", state: state),
        .h2("You, the first administrator"),
        Forms.text("adminName", label: "Your full name", state: state, autocomplete: "name"),
        Forms.text("adminEmail", label: "Email address", state: state, type: .email, autocomplete: "email"),
        Forms.text(
          "password", label: "Create a password",
          hint: "10 characters or more. A few words together are easy to remember.", state: state, type: .password,
          autocomplete: "new-password"),
        Forms.submit("Set up the co-op")
      )
    )
  }
}

struct SignInPage: PageView {
  let layout: Layout
  let state: FormState
  var notice: String? = nil

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Sign in"),
      .unwrap(notice) { .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.text($0))) },
      .form(
        .action(SiteURL.signIn.path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        .input(.type(.hidden), .name("next"), .value(state["next"])),
        Forms.text("email", label: "Email address", state: state, type: .email, autocomplete: "email"),
        Forms.text("password", label: "Password", state: state, type: .password, autocomplete: "current-password"),
        Forms.submit("Sign in")
      ),
      .p(.a(.href(SiteURL.forgotPassword.path), "Forgot your password?"))
    )
  }
}

struct ForgotPasswordPage: PageView {
  let layout: Layout
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Reset your password"),
      .p("We will email you a link. It works once, for one hour."),
      .form(
        .action(SiteURL.forgotPassword.path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.text("email", label: "Email address", state: state, type: .email, autocomplete: "email"),
        Forms.submit("Send the link")
      )
    )
  }
}

struct ResetPasswordPage: PageView {
  let layout: Layout
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Choose a new password"),
      .form(
        .action(SiteURL.resetPassword(token: nil).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        .input(.type(.hidden), .name("token"), .value(state["token"])),
        Forms.text(
          "password", label: "New password", hint: "10 characters or more.", state: state, type: .password,
          autocomplete: "new-password"),
        Forms.submit("Save the new password")
      )
    )
  }
}

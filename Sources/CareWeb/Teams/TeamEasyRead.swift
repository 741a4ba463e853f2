import CareCases
import CareCore
import Plot

/// The team in Easy Read: large text, one idea a line, a picture (initials) beside each person.
struct TeamEasyRead {
  let team: Team
  let isOwner: Bool

  private var first: String { team.personAccount.firstName }
  private var whose: String { isOwner ? "your" : "\(first)'s" }

  var body: Node<HTML.BodyContext> {
    .group(
      .h1(.text(isOwner ? "Your team" : "\(first)'s team")),
      communicationNeeds(
        team.person.communicationNeeds,
        heading: isOwner ? "How you like to get information" : "How \(first) likes to get information"),
      .ul(
        .class("easy-lines"),
        .li(.text(isOwner ? "These people help you." : "These people help \(first).")),
        .li(.text(isOwner ? "You choose who is in your team." : "\(first) chooses who is in the team."))
      ),
      .ul(.class("team"), .forEach(team.active) { member($0) }),
      .if(team.active.isEmpty, .p("Nobody is in the team yet."))
    )
  }

  private func member(_ entry: Team.Entry) -> Node<HTML.ListContext> {
    .li(
      .class("team-member"),
      avatar(entry.account),
      .div(
        .h2(.class("member-name"), .text(entry.account.name)),
        .p(.text(entry.membership.relationship.easyRead(name: entry.account.firstName, whose: whose))),
        .if(
          entry.membership.isArranger,
          .p(.text("\(entry.account.firstName) can make changes for \(isOwner ? "you" : first).")))
      )
    )
  }
}

/// The switch between the standard and the Easy Read view; the choice is kept on the account.
func easyReadToggle(on: Bool, csrf: String, returnTo: SiteURL) -> Node<HTML.BodyContext> {
  .form(
    .class("no-print view-toggle"), .action(SiteURL.easyRead.path), .method(.post),
    Forms.csrf(csrf),
    .input(.type(.hidden), .name("return_to"), .value(returnTo.path)),
    .input(.type(.hidden), .name("easy_read"), .value(on ? "off" : "on")),
    .button(.type(.submit), .class("button secondary"), .text(on ? "Show the standard view" : "Show in Easy Read"))
  )
}

/// The print link: the print stylesheet keeps only the content, on A4.
func printLink() -> Node<HTML.BodyContext> {
  .p(
    .class("no-print"),
    .button(.type(.button), .class("link-button"), .attribute(named: "data-print", value: "true"), "Print this page"))
}

import CareCases
import CareCore
import Plot

/// A person's team in plain words. The person sees "your team"; others see "Ann's team".
struct TeamPage: PageView {
  let layout: Layout
  let team: Team
  let viewer: Account
  let mayChange: Bool
  let mayReadWhoLooked: Bool
  var mayReadMedicines = false
  var mayChangeRecordSettings = false
  var mayReadRecords = false
  var mayReadMedia = false
  var mayReadHours = false
  var mayChangeDetails = false

  private var isOwner: Bool { viewer.id == team.personAccount.id }
  private var name: String { team.personAccount.name }
  private var invitation: Team.Entry? { team.invited.first { $0.account.id == viewer.id } }

  var body: Node<HTML.BodyContext> {
    .group(
      easyReadToggle(on: layout.easyRead, csrf: layout.csrf, returnTo: .team(.value(team.person.id))),
      layout.easyRead ? TeamEasyRead(team: team, isOwner: isOwner).body : standard,
      // The plan is read by those who read the medicines (the same rule).
      .if(
        mayReadMedicines,
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.teamPlan(.value(team.person.id)).path),
            .text(
              isOwner ? "Your support plan: your strengths, goals and how to support you" : "\(name)'s support plan")))),
      // The documents library is seen by the same people (each document as far as the person lets them).
      .if(
        mayReadMedicines,
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.teamDocuments(.value(team.person.id)).path),
            .text(isOwner ? "Your documents" : "\(name)'s documents")))),
      .p(
        .a(
          .href(SiteURL.teamWeek(.value(team.person.id)).path),
          .text(isOwner ? "Who is coming to you this week" : "Who is coming to \(name) this week"))),
      .p(
        .a(
          .href(SiteURL.teamPattern(.value(team.person.id)).path),
          .text(isOwner ? "Your visits, workers and home" : "\(name)'s visits, workers and home"))),
      .if(
        mayReadMedicines,
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.teamMedicines(.value(team.person.id)).path),
            .text(isOwner ? "Your medicines" : "\(name)'s medicines")))),
      .if(
        mayReadRecords,
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.teamVisits(.value(team.person.id)).path),
            .text(isOwner ? "Your visits so far" : "\(name)'s visits so far")))),
      .if(
        mayReadMedia,
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.teamMedia(.value(team.person.id)).path),
            .text(isOwner ? "Your photos, voice notes and videos" : "\(name)'s photos, voice notes and videos")))),
      .if(
        mayReadHours,
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.teamHours(.value(team.person.id)).path),
            .text(isOwner ? "Your hours" : "\(name)'s hours")))),
      .if(
        mayChangeRecordSettings,
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.teamRecordSettings(.value(team.person.id)).path),
            .text(isOwner ? "What you decide about your records" : "What \(name) decides about their records")))),
      .if(
        mayReadWhoLooked,
        .p(
          .a(
            .href(SiteURL.teamWhoLooked(.value(team.person.id)).path),
            .text(isOwner ? "Who looked at your things" : "Who looked at \(name)'s things")))),
      .p(
        .class("no-print"),
        .a(
          .href(SiteURL.teamSay(.value(team.person.id)).path),
          .text(isOwner ? "How your team decides" : "How \(name)'s team decides"))),
      .p(
        .class("no-print"), .a(.href(SiteURL.teamSafeguarding(.value(team.person.id)).path), "Safeguarding overrides")),
      printLink()
    )
  }

  private var standard: Node<HTML.BodyContext> {
    .group(
      .h1(.text(isOwner ? "Your team" : "\(name)'s team")),
      communicationNeeds(
        team.person.communicationNeeds,
        heading: isOwner ? "How you like information given to you" : "How \(name) needs information"),
      .unwrap(invitation) { invitationPanel(team, $0, csrf: layout.csrf, heading: .h2("Your invitation")) },
      .p(
        .text(
          isOwner
            ? "These are the people in your team. You choose who is in it." : "\(name) chooses who is in their team.")),
      .p(.text("Circle: \(team.circle.name)")),
      .if(
        mayChangeDetails,
        .p(
          .a(
            .href(SiteURL.teamDetails(.value(team.person.id)).path),
            .text(isOwner ? "Change your circle or how you like information" : "Change \(name)'s circle or needs")))),
      .ul(.class("team"), .forEach(team.active) { member($0, invited: false) }),
      .if(team.active.isEmpty, .p("Nobody has joined yet.")),
      .if(
        !team.proposed.isEmpty,
        .group(
          .h2("Waiting for the team's say"),
          .p(
            .text("They are invited once the team agrees. "),
            .a(.href(SiteURL.teamSay(.value(team.person.id)).path), "How the team decides")),
          .ul(.class("team"), .forEach(team.proposed) { member($0, invited: true) }))),
      .if(
        mayChange && !team.invited.isEmpty,
        .group(.h2("Waiting to answer"), .ul(.class("team"), .forEach(team.invited) { member($0, invited: true) }))),
      .if(
        mayChange,
        .p(.a(.class("button"), .href(SiteURL.teamInvite(.value(team.person.id)).path), "Invite someone to the team")))
    )
  }

  private func member(_ entry: Team.Entry, invited: Bool) -> Node<HTML.ListContext> {
    .li(
      .class("team-member"),
      avatar(entry.account),
      .div(
        .p(.strong(.text(entry.account.name))),
        .p(
          .text(
            entry.membership.relationship.shortLabel
              + (entry.membership.isArranger ? ", acts for \(isOwner ? "you" : name)" : ""))),
        .if(
          mayChange,
          .form(
            .action(SiteURL.teamRemove(.value(team.person.id), .value(entry.membership.id)).path), .method(.post),
            Forms.csrf(layout.csrf),
            .button(
              .type(.submit), .class("link-button"),
              .text(invited ? "Withdraw the invitation" : "Take out of the team"),
              .span(.class("visually-hidden"), .text(": \(entry.account.name)")))
          ))
      )
    )
  }
}

struct InvitePage: PageView {
  let layout: Layout
  let team: Team
  let state: FormState

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Invite someone to the team"),
      .p("They will get an email. They join when they say yes."),
      .form(
        .action(SiteURL.teamInvite(.value(team.person.id)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.text("name", label: "Their name", state: state, autocomplete: "off"),
        Forms.text("email", label: "Their email address", state: state, type: .email, autocomplete: "off"),
        Forms.radios(
          "relationship", legend: "How do they know \(team.personAccount.name)?",
          options: Relationship.allCases.map { ($0.rawValue, $0.label, nil) }, state: state),
        Forms.checkbox(
          "isArranger", label: "They act for \(team.personAccount.name)",
          hint:
            "An arranger can change the team for them. What they do is recorded as done for \(team.personAccount.name).",
          state: state),
        Forms.submit("Send the invitation")
      )
    )
  }
}

/// The invitation and its two answers: all that someone invited, and not yet in the team, is shown.
func invitationPanel(_ team: Team, _ entry: Team.Entry, csrf: String, heading: Node<HTML.BodyContext>)
  -> Node<HTML.BodyContext>
{
  let name = team.personAccount.name
  return .div(
    .class("panel"),
    heading,
    .p(.text("\(name) would like you in their team as \(entry.membership.relationship.shortLabel.lowercased()).")),
    .p(.text("You will see who is in the team, and how \(name) likes information given, once you join.")),
    .form(
      .action(SiteURL.teamRespond(.value(team.person.id)).path), .method(.post), .class("inline"),
      Forms.csrf(csrf),
      .button(.type(.submit), .name("answer"), .value("accept"), .class("button"), "Yes, join the team"),
      .button(.type(.submit), .name("answer"), .value("decline"), .class("button secondary"), "No, thank you")
    ))
}

/// What an invited person sees at the team's address before answering: the invitation, nothing of the team.
struct InvitationPage: PageView {
  let layout: Layout
  let team: Team
  let entry: Team.Entry

  var body: Node<HTML.BodyContext> {
    invitationPanel(team, entry, csrf: layout.csrf, heading: .h1(.text("\(team.personAccount.name) invites you")))
  }
}

/// The person's own details: the circle that supports them and how they need information.
struct PersonDetailsPage: PageView {
  let layout: Layout
  let team: Team
  let circles: [Circle]
  let isOwner: Bool
  let state: FormState

  var body: Node<HTML.BodyContext> {
    let name = team.personAccount.name
    return .group(
      Forms.errorSummary(state.errors),
      .h1(.text(isOwner ? "Your circle and how you like information" : "\(name)'s circle and needs")),
      .form(
        .action(SiteURL.teamDetails(.value(team.person.id)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        Forms.radios(
          "circleID", legend: isOwner ? "Which circle supports you?" : "Which circle supports \(name)?",
          options: circles.map { ($0.id.description, $0.name, $0.area) }, state: state),
        Forms.textarea(
          "communicationNeeds", label: "Communication needs (optional)",
          hint: "How information should be given: for example Easy Read, large print, British Sign Language",
          state: state),
        Forms.submit("Save")
      ),
      .p(.a(.href(SiteURL.team(.value(team.person.id)).path), isOwner ? "Back to your team" : "Back to the team"))
    )
  }
}

import CareCases
import CareCore
import Plot

struct HomePage: PageView {
  /// "Today", "Tomorrow", or the day's date.
  static func when(_ day: Day, today: Day) -> String {
    day == today ? "Today" : day == today.adding(days: 1) ? "Tomorrow" : day.longText
  }

  let layout: Layout
  let account: Account
  let teams: [TeamSummary]
  let circles: [Circle]
  let hats: [Hat]
  let model: HomeModel

  var body: Node<HTML.BodyContext> {
    let own = teams.first { $0.status == nil }
    let invited = teams.filter { $0.status == .invited }
    let member = teams.filter { $0.status == .active }
    return .group(
      .h1(.text("Hello, \(account.name)")),
      overridesToReview,
      .unwrap(own) { team in
        .group(
          .section(
            .h2("Who is coming"),
            model.comingToYou.isEmpty
              ? .p("No visits are published for the next few days yet.")
              : .ul(
                .class("visits"),
                .forEach(model.comingToYou) { v in
                  .li(
                    .class("visit"),
                    .span(
                      .class("avatar"), .attribute(named: "aria-hidden", value: "true"),
                      .text(Account.initials(of: v.worker))),
                    .p(
                      .strong(
                        .text(Self.when(v.visit.day, today: model.today) + ", " + timeSpan(v.visit.start, v.visit.end))),
                      .text(": " + v.worker + (v.partner.map { " and \($0)" } ?? ""))))
                }),
            .p(.a(.href(SiteURL.teamWeek(.value(team.personID)).path), "See who is coming all week"))),
          .if(
            !model.toConfirm.isEmpty,
            .section(
              .h2("Did they come?"),
              .p("Say if the times were right. The co-op counts your hours from them."),
              .ul(
                .class("visits"),
                .forEach(model.toConfirm) { v in
                  .li(
                    .class("visit"),
                    .p(
                      .strong(
                        .text(Self.when(v.visit.day, today: model.today) + ", " + timeSpan(v.visit.start, v.visit.end))),
                      .text(": " + v.worker + (v.partner.map { " and \($0)" } ?? ""))),
                    .p(
                      .a(
                        .href(SiteURL.visitRecord(.value(v.visit.id)).path + "#times"),
                        .text("Say if the times were right"),
                        .span(.class("visually-hidden"), .text(" for \(Self.when(v.visit.day, today: model.today))"))
                      )))
                }))),
          .section(
            .h2("Your team"),
            .p("Your team is the people around you. You choose who is in it."),
            .p(.a(.class("button"), .href(SiteURL.team(.value(team.personID)).path), "See your team"))
          ),
          .if(
            !model.yourHours.isEmpty,
            .section(
              .h2("Your hours"),
              .forEach(model.yourHours) { h in
                .p(
                  .text(
                    "\(h.funder): \(Minutes(h.available).spoken) left to use this period; "
                      + "\(Minutes(h.banked).spoken) in the bank."))
              },
              .p(.a(.href(SiteURL.teamHours(.value(team.personID)).path), "See your hours")))),
          yourPlan(team.personID))
      },
      .if(
        model.isWorker || !model.yourNextVisits.isEmpty,
        .section(
          .h2("Your next visits"),
          model.yourNextVisits.isEmpty
            ? .p("You have no published visits in the next few days.")
            : .ul(
              .class("visits"),
              .forEach(model.yourNextVisits) { s in
                .li(
                  .class("visit"),
                  .p(
                    .strong(
                      .text(Self.when(s.visit.day, today: model.today) + ", " + timeSpan(s.visit.start, s.visit.end))),
                    .text(": " + s.person)))
              }),
          .p(.a(.href(SiteURL.myWeek().path), "See my week")),
          .p(.a(.href(SiteURL.myPay.path), "See your pay")))),
      .if(
        !model.messages.isEmpty,
        .section(
          .h2(.text(model.newMessages > 0 ? "Messages (\(model.newMessages) new)" : "Messages")),
          .ul(
            .class("list"),
            .forEach(model.messages) { m in
              .li(
                m.link.map { .a(.href($0), .strong(.text(m.subject))) } ?? .strong(.text(m.subject)),
                .text(" – " + m.body))
            }),
          .p(.a(.href(SiteURL.messages().path), "See all your messages")))),
      waitingForYou,
      nextMeeting,
      .if(
        !invited.isEmpty,
        .section(
          .h2("Invitations"),
          .ul(
            .class("list"),
            .forEach(invited) { team in
              .li(
                .text(
                  "\(team.personName) would like you in their team as \(team.relationship?.shortLabel.lowercased() ?? "a member"). "
                ),
                .a(.href(SiteURL.team(.value(team.personID)).path), .text("Answer \(team.personName)'s invitation"))
              )
            })
        )),
      .if(
        !member.isEmpty,
        .section(
          .h2("Teams you are in"),
          .ul(
            .class("list"),
            .forEach(member) { team in
              .li(
                .a(.href(SiteURL.team(.value(team.personID)).path), .text("\(team.personName)'s team")),
                .text(" – you are \(team.relationship?.shortLabel.lowercased() ?? "a member")"))
            })
        )),
      .section(
        .h2("Your circles"),
        circles.isEmpty
          ? .p(.text("You are not in a circle yet. "), .a(.href(SiteURL.circles.path), "See the circles"))
          : .ul(
            .class("list"), .forEach(circles) { .li(.a(.href(SiteURL.circle(.value($0.id)).path), .text($0.name))) })
      ),
      .if(
        !hats.isEmpty,
        .section(
          .h2("Hats you wear"),
          .ul(.class("list"), .forEach(hats) { .li(.a(.href(SiteURL.hat(.value($0.id)).path), .text($0.name))) })
        )),
      .if(
        layout.offers.any,
        .section(
          .h2("Running the co-op"),
          .ul(
            .class("list"),
            .if(layout.offers.people, .li(.a(.href(SiteURL.people.path), "People supported and their teams"))),
            .if(layout.offers.memberRegister, .li(.a(.href(SiteURL.members.path), "Register of members"))),
            .if(layout.offers.circles, .li(.a(.href(SiteURL.circles.path), "Circles"))),
            .if(layout.offers.invoices, .li(.a(.href(SiteURL.invoices.path), "Invoices"))),
            .if(layout.offers.invoices, .li(.a(.href(SiteURL.pay.path), "Pay"))),
            .li(.a(.href(SiteURL.hats.path), "Hats"))
          )
        )),
      .section(
        .h2("Our co-op"),
        .p(.a(.href(SiteURL.quality.path), "How the co-op is doing: who comes, and the plans' reviews"))),
      .section(
        .h2("You"),
        .p(.a(.href(SiteURL.account.path), "Your name and e-mail address")))
    )
  }
}

extension HomePage {
  /// The person's plan at a glance: the next review, changes waiting, and the goals being worked on.
  func yourPlan(_ person: ID<Person>) -> Node<HTML.BodyContext> {
    .unwrap(model.yourPlan) { plan in
      let waiting = plan.changesWaiting
      return .section(
        .attribute(named: "aria-labelledby", value: "plan-title"),
        .h2(.id("plan-title"), "Your plan"),
        .p(
          .text(
            plan.reviewDue.map { due in
              due < model.today
                ? "Your plan's review was due on \(due.longText). Ask your team to hold it soon."
                : "Your plan's next review: \(Self.when(due, today: model.today))."
            } ?? "No day is set for your plan's next review yet.")),
        .if(
          waiting > 0,
          .p(
            .strong(
              .text(
                "\(waiting) change\(waiting == 1 ? "" : "s") to your plan \(waiting == 1 ? "is" : "are") waiting"
                  + (plan.mayAnswer ? " for your answer." : " to be agreed."))))),
        .if(
          !plan.goals.isEmpty,
          .group(
            .h3("Goals you are working on"),
            .ul(
              .class("list"),
              .forEach(plan.goals) { goal in
                .li(
                  .a(.href(SiteURL.teamPlanGoal(.value(person), .value(goal.id)).path), .text(goal.title)),
                  .text(" – \(goal.done) of \(goal.steps) step\(goal.steps == 1 ? "" : "s") done"))
              }))),
        .p(.a(.href(SiteURL.teamPlan(.value(person)).path), "See your plan")))
    }
  }

  /// The next members' meeting, for everyone in the co-op: when and where, linked to its notice.
  var nextMeeting: Node<HTML.BodyContext> {
    .unwrap(model.nextMeeting) { meeting in
      .section(
        .attribute(named: "aria-labelledby", value: "meeting-title"),
        .h2(.id("meeting-title"), "Members' meeting"),
        .p(
          .a(.href(SiteURL.meeting(.value(meeting.id)).path), .text(meeting.title)),
          .text(": \(meetingWhen(meeting)), at \(meeting.place).")))
    }
  }

  /// Your say: polls open now that the reader may answer and has not, each with its last day.
  var waitingForYou: Node<HTML.BodyContext> {
    .if(
      !model.waitingForYou.isEmpty,
      .section(
        .attribute(named: "aria-labelledby", value: "your-say-title"),
        .h2(.id("your-say-title"), "Your say: questions waiting for your answer"),
        .ul(
          .class("list"),
          .forEach(model.waitingForYou) { proposal in
            .li(
              .a(.href(SiteURL.proposal(.value(proposal.id)).path), .text(proposal.title)),
              .text(
                " – answer by the end of "
                  + CoopCalendar.london.day(of: proposal.closesAt.addingTimeInterval(-1)).longText + "."))
          })))
  }

  /// For the registered manager: safeguarding overrides a second hat holder has not reviewed yet (overdue first).
  var overridesToReview: Node<HTML.BodyContext> {
    .if(
      !model.overridesToReview.isEmpty,
      .section(
        .attribute(named: "aria-labelledby", value: "reviews-title"),
        .h2(.id("reviews-title"), "Safeguarding overrides to review"),
        .ul(
          .forEach(model.overridesToReview.sorted { $0.overdue && !$1.overdue }) { item in
            .li(
              .a(
                .href(SiteURL.teamSafeguarding(.value(item.grant.personID)).path),
                .text("\(item.person)'s team")),
              .text(
                item.overdue
                  ? ": overdue, it was due by \(WhoLookedPage.ukTime(item.grant.reviewDue))."
                  : ": due by \(WhoLookedPage.ukTime(item.grant.reviewDue)).")
            )
          })))
  }
}

"""Views of governance, one module per part: cycle (the annual cycle),
feeds (its calendar subscriptions), meetings (agendas, case briefs,
outcomes, follow-ups), minutes, register (decisions and the follow-up
dashboard) and exports (agenda and minutes as Markdown and for print)."""

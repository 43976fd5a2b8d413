menu-deadlines = ⏰ Deadlines
cmd-deadlines = Deadlines that concern me
dl-title = <b>Coming deadlines</b> (nearest first):
dl-line = 📅 <b>{ $due }</b> { $title }
    If missed: { $missed } (manual [{ $source }])
dl-none-upcoming = No coming dates in the calendar yet — an administrator has not loaded the new year's calendar. These are the dates of the latest year in the manuals ({ $year }), for reference:
dl-none-member = No deadlines for members to act on right now. I will tell you when your card application changes.
dl-unsubscribed = Deadline reminders are off. Send /subscribe to turn them back on.
dl-subscribed = Deadline reminders are on (ahead by { $leads }; nothing between 22:00 and 08:00). Send /unsubscribe to turn them off.
cmd-unsubscribe = Turn deadline reminders off
dl-reminder = ⏰ Deadline reminder: <b>{ $title }</b>, due { $due }. If missed: { $missed }

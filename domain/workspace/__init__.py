"""The clerk's workspace (the Telegram Mini App, bot/webapp/): the queries its pages need, over the
same access policy and domain services as the chat. Nothing here knows about HTTP or Telegram."""

import Classic

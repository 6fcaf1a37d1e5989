from . import order_statement

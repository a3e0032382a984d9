"""Pure domain knowledge: codes, money, Vietnamese text and the calculations. No Qt, no database."""

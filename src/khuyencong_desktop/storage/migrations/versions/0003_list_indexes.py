"""lists: sorted, covering indexes of live projects and beneficiaries for the list's id snapshot

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 12:00:00

The Đề án list opens newest year first (year descending, then code) and the Cơ sở thụ hưởng list
by name: with these partial indexes (deleted rows left out) SQLite reads the sorted ids straight
from the index instead of visiting every row and sorting.
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    op.create_index('ix_project_list_year', 'project', [sa.text('year DESC'), 'code', 'id'], sqlite_where=LIVE)
    op.create_index('ix_project_list_name', 'project', ['name_key', 'code', 'id'], sqlite_where=LIVE)
    op.create_index('ix_beneficiary_list_name', 'beneficiary', ['name_key', 'id'], sqlite_where=LIVE)


def downgrade() -> None:
    op.drop_index('ix_beneficiary_list_name', table_name='beneficiary')
    op.drop_index('ix_project_list_name', table_name='project')
    op.drop_index('ix_project_list_year', table_name='project')

"""lists: place indexes of live projects and beneficiaries for the place filter and its choices

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 16:00:00

Partial indexes on ``(province, district, commune)`` (deleted rows left out). The filter choices
read every place from them instead of from the whole tables, and the lists' place filter finds
the matching places there and then the rows through them, instead of reading every row.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")
PLACE = ['province', 'district', 'commune']


def upgrade() -> None:
    op.create_index('ix_project_place', 'project', PLACE, sqlite_where=LIVE)
    op.create_index('ix_beneficiary_place', 'beneficiary', PLACE, sqlite_where=LIVE)


def downgrade() -> None:
    op.drop_index('ix_beneficiary_place', table_name='beneficiary')
    op.drop_index('ix_project_place', table_name='project')

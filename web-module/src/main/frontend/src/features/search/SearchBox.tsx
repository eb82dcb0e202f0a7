import { Button, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, useLocation, useNavigate } from 'react-router-dom';
import classes from './search.module.css';

/** The room a path is in (`/rooms/:roomId…`), if any. */
export function roomOfPath(pathname: string): string | null {
  const match = matchPath('/rooms/:roomId/*', pathname);
  const id = match?.params.roomId;
  return id && id !== 'groups' ? id : null;
}

/** The header's search box: opens /search with the words (and the room it was used in, for "this room only"). */
export function SearchBox() {
  const { t } = useTranslation('search');
  const location = useLocation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  if (location.pathname === '/search') return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const q = text.trim();
    if (!q) return;
    const params = new URLSearchParams({ q });
    const room = roomOfPath(location.pathname);
    if (room) params.set('room', room);
    setText('');
    navigate(`/search?${params.toString()}`);
  }

  return (
    <form role="search" aria-label={t('box.label')} className={`${classes.form} ${classes.headerBox}`} onSubmit={submit}>
      <TextInput
        size="xs"
        aria-label={t('box.label')}
        placeholder={t('box.placeholder')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        maxLength={200}
        type="search"
      />
      <Button size="xs" variant="default" type="submit">
        {t('box.submit')}
      </Button>
    </form>
  );
}

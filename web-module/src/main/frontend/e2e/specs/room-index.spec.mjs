// The room index (issue 18): the owner opens a room and downloads its numbered index from the "Index" menu, as CSV
// (the file holds the folder and the document with their numbers) and as PDF; axe on the room with the menu used.
import { readFileSync } from 'node:fs';
import { api, apiToken, assert, config, ownerSession, pdf, unique } from '../lib.mjs';


export const tests = [
  {
    name: 'the Index menu downloads the room index as CSV (with the document and its number) and as PDF',
    async run(browser) {
      const { w, user } = await ownerSession(browser, 'room-index');
      const { page } = w;
      try {
        const token = await apiToken(user);
        const roomName = unique('Index room');
        const room = await api('POST', '/api/v1/datarooms', token, { name: roomName });
        assert(room.status === 201, `room: ${room.status}`);
        const folder = await api('POST', `/api/v1/datarooms/${room.json.id}/folders`, token, { name: 'Verträge' });
        assert(folder.status === 201, `folder: ${folder.status}`);
        const docName = `Übersicht ${unique('q')}.pdf`;
        const uploaded = await fetch(`${config.baseUrl}/api/v1/datarooms/${room.json.id}/documents?folderId=${folder.json.id}`
          + `&name=${encodeURIComponent(docName)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/pdf', Authorization: `Bearer ${token}` },
          body: pdf('index', 1),
        });
        assert(uploaded.status === 201, `upload: ${uploaded.status}`);

        await page.goto(`/rooms/${room.json.id}`);
        await page.getByRole('heading', { name: roomName, level: 1 }).waitFor();
        await page.getByText(docName).waitFor();

        await page.getByRole('button', { name: 'Index', exact: true }).click();
        const downloading = page.waitForEvent('download');
        await page.getByRole('menuitem', { name: 'Index as CSV (spreadsheet)' }).click();
        const download = await downloading;
        assert(download.suggestedFilename() === `${roomName}-index.csv`, `file name ${download.suggestedFilename()}`);
        const csv = readFileSync(await download.path(), 'utf8');
        const lines = csv.split('\r\n').filter(Boolean);
        assert(lines[0] === 'number,kind,path,name,size,version,lastChanged', `header: ${lines[0]}`);
        assert(lines[1]?.startsWith('1,folder,/Verträge,Verträge,'), `the folder as 1: ${csv}`);
        assert(lines[2]?.startsWith(`1.1,document,/Verträge/${docName},${docName},`), `the document as 1.1: ${csv}`);
        await page.getByText(`Downloaded ${roomName}-index.csv.`).waitFor();

        await page.getByRole('button', { name: 'Index', exact: true }).click();
        const downloadingPdf = page.waitForEvent('download');
        await page.getByRole('menuitem', { name: 'Index as PDF' }).click();
        const pdfDownload = await downloadingPdf;
        assert(pdfDownload.suggestedFilename() === `${roomName}-index.pdf`, `file name ${pdfDownload.suggestedFilename()}`);
        const bytes = readFileSync(await pdfDownload.path());
        assert(bytes.subarray(0, 5).toString('latin1') === '%PDF-', 'a PDF');
        await page.getByText(`Downloaded ${roomName}-index.pdf.`).waitFor();
        await w.check('room-index');
      } finally {
        await w.close();
      }
    },
  },
];

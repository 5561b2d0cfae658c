// pdfmake's own list of the Roboto files it ships (absolute paths); @types/pdfmake does not describe it.
declare module "pdfmake/fonts/Roboto.js" {
  const fonts: { Roboto: { normal: string; bold: string; italics: string; bolditalics: string } };
  export default fonts;
}

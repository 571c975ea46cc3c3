export * from 'cdktn';
